using System.Text.Json.Serialization;
using CodeAssist.Features.Names;

namespace CodeAssist.Features.Common;

/// <summary>A verified edit offered to the user.</summary>
/// <param name="Title">What the editor shows, saying which kind it is.</param>
/// <param name="Hint">The short reason from the model, its names checked (or null for Roslyn's actions).</param>
public sealed record CodeSuggestion(string Title, SuggestionSource Source, string? Hint, IReadOnlyList<FileEdit> Edits)
{
    /// <summary>Where a fix ranks among the fixes of its diagnostic (refactorings leave the default).</summary>
    public Fix.FixTier Tier { get; init; } = Fix.FixTier.Other;

    /// <summary>The model's hint with its code names checked against the edited document; null without a hint.</summary>
    [JsonIgnore]
    public CheckedAnswer? HintCheck { get; init; }

    /// <summary>The code names of the hint and what Roslyn found for each (empty for Roslyn's actions).</summary>
    public IReadOnlyList<CheckedName> HintNames => HintCheck?.Names ?? [];
}

namespace CodeAssist.Features.Common;

/// <summary>A verified edit offered to the user.</summary>
/// <param name="Title">What the editor shows, saying which kind it is.</param>
/// <param name="Hint">The short reason from the model (or null for Roslyn's actions).</param>
public sealed record CodeSuggestion(string Title, SuggestionSource Source, string? Hint, IReadOnlyList<FileEdit> Edits)
{
    /// <summary>Where a fix ranks among the fixes of its diagnostic (refactorings leave the default).</summary>
    public Fix.FixTier Tier { get; init; } = Fix.FixTier.Other;
}

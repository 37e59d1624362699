using System.Text.Json.Serialization;
using CodeAssist.Features.Common;
using CodeAssist.Features.Names;

namespace CodeAssist.Features.Explain;

/// <summary>
/// An explanation: Markdown text plus the Roslyn facts it is grounded in. A model's answer comes checked: its
/// <see cref="Markdown"/> is the plain checked rendering (found names followed by their file and line, unknown ones
/// flagged), and <see cref="Check"/> lets a surface render it its own way (links).
/// </summary>
/// <param name="ModelId">The model that wrote the text, or null when it is the Roslyn-only summary.</param>
/// <param name="Notice">Why no model answered and how to add one; null when a model answered.</param>
public sealed record ExplainResult(
    string FilePath,
    int StartLine,
    int EndLine,
    string Markdown,
    string? ModelId,
    bool FromCache,
    string? Notice,
    IReadOnlyList<SymbolFacts> Symbols,
    IReadOnlyList<DiagnosticFact> Diagnostics)
{
    /// <summary>The code names of the model's answer and what Roslyn found for each (empty for the Roslyn summary).</summary>
    public IReadOnlyList<CheckedName> Names => Check?.Names ?? [];

    /// <summary>The model's answer with its names checked; null for the Roslyn-only summary.</summary>
    [JsonIgnore]
    public CheckedAnswer? Check { get; init; }

    /// <summary>The provider chain link that answered ("team", "local"), when the feature has a chain.</summary>
    public string? Provider { get; init; }
}

using CodeAssist.Features.Common;

namespace CodeAssist.Features.Explain;

/// <summary>An explanation: Markdown text plus the Roslyn facts it is grounded in.</summary>
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
    /// <summary>The provider chain link that answered ("team", "local"), when the feature has a chain.</summary>
    public string? Provider { get; init; }
}

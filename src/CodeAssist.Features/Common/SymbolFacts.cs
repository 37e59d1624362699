namespace CodeAssist.Features.Common;

/// <summary>What Roslyn knows about one declared member: the grounding of explanations and prompts.</summary>
/// <param name="Calls">Signatures of the methods, properties and constructors it uses, in source order, capped.</param>
/// <param name="Callers">Where it is called from, bounded in count and search time.</param>
/// <param name="CallersSearch">How the caller search ended: complete, or stopped at its count or time bound.</param>
public sealed record SymbolFacts(
    string Name,
    string Kind,
    string Signature,
    string? Documentation,
    string FilePath,
    int StartLine,
    int EndLine,
    int CyclomaticComplexity,
    IReadOnlyList<SymbolReference> Calls,
    IReadOnlyList<SymbolReference> Callers,
    SearchStop CallersSearch,
    IReadOnlyList<SymbolReference> Overrides,
    IReadOnlyList<DiagnosticFact> Diagnostics)
{
    /// <summary>False when the caller search hit its count or time bound.</summary>
    public bool CallersComplete => CallersSearch == SearchStop.Complete;
}

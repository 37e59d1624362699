namespace CodeAssist.Features.Common;

/// <summary>A symbol mentioned in facts: its signature and, when it is in source, where (1-based line).</summary>
public sealed record SymbolReference(string Signature, string? FilePath, int? Line);

namespace CodeAssist.Features.Names;

/// <summary>A code name from a model's answer, looked up with Roslyn.</summary>
/// <param name="Name">The name as the answer wrote it, without arguments (<c>StockLevel.Ship</c>).</param>
/// <param name="Resolved">True when Roslyn found a symbol for it.</param>
/// <param name="FilePath">Where it is declared in the workspace (null for library symbols and unresolved names).</param>
/// <param name="Line">The 1-based line of that declaration.</param>
/// <param name="Assembly">The referenced assembly declaring it, when it is not in the workspace's source.</param>
public sealed record CheckedName(string Name, bool Resolved, string? FilePath, int? Line, string? Assembly);

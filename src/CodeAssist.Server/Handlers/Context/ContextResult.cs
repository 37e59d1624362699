namespace CodeAssist.Server.Handlers.Context;

/// <summary>codeAssist/context result: the ranked items and <see cref="Text"/>, exactly what a prompt would carry.</summary>
public sealed record ContextResult(IReadOnlyList<ContextResultItem> Items, string Text, int TokenCount, int BudgetTokens);

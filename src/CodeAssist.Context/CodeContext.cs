namespace CodeAssist.Context;

/// <summary>The context at a position, ranked and cut to <see cref="BudgetTokens"/>, with the text a prompt would carry.</summary>
public sealed record CodeContext(IReadOnlyList<ContextItem> Items, string RenderedText, int TokenCount, int BudgetTokens);

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Token budgets of one prompt layout: the Roslyn context, the code before the caret and the code after it.
/// A plan is kept while the caret stays in one member, so that keystrokes there produce the same prompt head.
/// </summary>
internal sealed record PromptPlan(int ContextTokens, int PrefixTokens, int SuffixTokens)
{
    public const int FullPrefixTokens = 1024;
    public const int FullSuffixTokens = 256;

    public static PromptPlan Full(int contextTokens) => new(contextTokens, FullPrefixTokens, FullSuffixTokens);

    public int TotalTokens => ContextTokens + PrefixTokens + SuffixTokens;
}

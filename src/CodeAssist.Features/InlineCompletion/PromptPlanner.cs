using CodeAssist.Features.Configuration;
using CodeAssist.Llm;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Sizes the prompt for a new place in the code (the first request in a member) so that the suggestion arrives
/// within <see cref="CompletionOptions.ColdLatencyMs"/> on the model's measured speed. At a new place nothing of
/// the prompt after the repository header is in the model's cache, so every token is evaluated: on a GPU or a
/// fast server that is the full layout, on two CPU cores it is a few hundred tokens. Later keystrokes in the same
/// member keep the plan and reuse the cache, so they only pay for what was typed.
/// </summary>
internal static class PromptPlanner
{
    /// <summary>Below this a prompt holds too little code and context to be worth asking for.</summary>
    public const int MinTokens = 128;

    private const int PlanStep = 64;

    // Shares of a reduced prompt. The context (the receiver's members, the expected type, signatures from other files)
    // is the densest information per token; the lines just above the caret come next; a little suffix anchors the end.
    private const double ContextShare = 0.40;
    private const double SuffixShare = 0.15;

    // Roslyn, post-processing and verification around the model call.
    private const double OverheadSeconds = 0.05;

    public static PromptPlan Plan(ModelThroughput? throughput, CompletionOptions options, int contextBudgetTokens, double expectedGeneratedTokens)
    {
        var full = PromptPlan.Full(contextBudgetTokens);
        if (throughput is null || options.ColdLatencyMs <= 0 || throughput.PromptTokensPerSecond <= 0 || throughput.GeneratedTokensPerSecond <= 0)
        {
            return full;
        }

        var promptSeconds = (options.ColdLatencyMs / 1000.0) - GenerationSeconds(throughput, options, expectedGeneratedTokens) - OverheadSeconds;
        var affordable = (int)Math.Min(int.MaxValue, Math.Max(0, promptSeconds) * throughput.PromptTokensPerSecond);
        if (affordable >= full.TotalTokens)
        {
            return full;
        }

        // Rounded so that a small drift in the measured speed gives the same plan, and so the same prompt, when the
        // caret comes back to a member: the local model then finds that prompt in its kept KV copies.
        var total = Math.Max(MinTokens, affordable / PlanStep * PlanStep);
        var context = Math.Min(contextBudgetTokens, (int)(total * ContextShare));
        var suffix = (int)(total * SuffixShare);
        return new PromptPlan(context, total - context - suffix, suffix);
    }

    /// <summary>Seconds a request spends generating its answer, from the measured speed and the calls so far.</summary>
    private static double GenerationSeconds(ModelThroughput throughput, CompletionOptions options, double expectedGeneratedTokens)
    {
        // Before the first call there is no average yet: a typical one-line completion is about a dozen tokens.
        var expected = expectedGeneratedTokens > 0 ? expectedGeneratedTokens : Math.Min(options.MaxTokens, 16);
        return throughput.GeneratedTokensPerSecond > 0 ? expected / throughput.GeneratedTokensPerSecond : 0;
    }
}

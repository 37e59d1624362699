namespace CodeAssist.Llm;

/// <summary>
/// What a call cost. <see cref="EvaluatedPromptTokens"/> is below <see cref="PromptTokens"/> when a cached prefix was reused.
/// </summary>
public sealed record CompletionUsage(int PromptTokens, int EvaluatedPromptTokens, int GeneratedTokens, CompletionFinishReason FinishReason)
{
    /// <summary>Time spent evaluating the prompt, when the provider measures it (local models do).</summary>
    public TimeSpan? PromptTime { get; init; }

    /// <summary>Time spent generating, when the provider measures it.</summary>
    public TimeSpan? GenerationTime { get; init; }

    /// <summary>Sampled tokens that compiler-guided decoding replaced because they would write a name the site lacks.</summary>
    public int ConstrainedReplacements { get; init; }

    /// <summary>Time compiler-guided decoding added to each generated token (empty when the request had no constraint).</summary>
    public IReadOnlyList<TimeSpan> ConstraintTokenTimes { get; init; } = [];
}

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
}

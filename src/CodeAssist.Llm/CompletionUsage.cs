namespace CodeAssist.Llm;

/// <summary>
/// What a call cost. <see cref="EvaluatedPromptTokens"/> is below <see cref="PromptTokens"/> when a cached prefix was reused.
/// </summary>
public sealed record CompletionUsage(int PromptTokens, int EvaluatedPromptTokens, int GeneratedTokens, CompletionFinishReason FinishReason);

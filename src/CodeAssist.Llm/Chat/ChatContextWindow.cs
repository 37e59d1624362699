using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.Chat;

/// <summary>
/// What a chat model can hold, for features that fit their prompt to it instead of being refused: the context
/// length in tokens and a counter of a whole conversation as the model will see it (chat template included).
/// A chat client that knows its window returns this from <c>GetService(typeof(ChatContextWindow))</c>; one that
/// does not (most remote servers) returns null, and features then send their prompt as it is.
/// </summary>
public sealed record ChatContextWindow(int ContextLength, Func<IReadOnlyList<ChatMessage>, int> CountPromptTokens)
{
    /// <summary>
    /// The answer's share of the window: a quarter of it, at most <paramref name="preferred"/> and at least 64
    /// tokens. A fixed 1024-token reservation left a 2048-token model 1023 tokens for the question, which a
    /// 40-line method with its facts does not fit; an explanation rarely needs more than a quarter.
    /// </summary>
    public int AnswerTokens(int preferred) => Math.Clamp(ContextLength / 4, Math.Min(64, preferred), preferred);

    /// <summary>
    /// The least the answer may keep when the question would not fit otherwise: an eighth of the window (at least 64
    /// tokens), enough for a short answer, and better than no answer from the model at all.
    /// </summary>
    public int MinimumAnswerTokens(int preferred) => Math.Min(AnswerTokens(preferred), Math.Max(64, ContextLength / 8));

    /// <summary>Tokens a prompt may use when the answer reserves <paramref name="answerTokens"/> (one more for the end of the prompt).</summary>
    public int PromptTokens(int answerTokens) => Math.Max(0, ContextLength - answerTokens - 1);
}

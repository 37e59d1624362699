using CodeAssist.Llm;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// One model call of the replay. <paramref name="SinceJumpMs"/> runs from the first keystroke at the position to the
/// call's end; <paramref name="NeededInPrompt"/> says, at a mined point, whether the prompt held the needed identifier.
/// </summary>
internal sealed record ModelCall(
    int Position, bool FirstAtPosition, double DurationMs, double SinceJumpMs, CompletionUsage? Usage, bool Cancelled, int ContextTokens, bool? NeededInPrompt = null)
{
    /// <summary>The model's speed estimate when the call started (what the prompt was sized to).</summary>
    public ModelThroughput? Estimate { get; init; }
}

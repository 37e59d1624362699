namespace CodeAssist.Bench.Completion;

/// <summary>What one keystroke's request produced before the next keystroke superseded it.</summary>
/// <param name="LatencyMs">Keystroke to result, when a result arrived in time.</param>
/// <param name="SinceJumpMs">From the first keystroke at this position to the result.</param>
/// <param name="Correct">The suggestion is a prefix of what the user goes on to type.</param>
/// <param name="ItemId">The first item's id, which the user sends back when accepting it.</param>
internal sealed record KeystrokeOutcome(bool Suggested, double LatencyMs, double SinceJumpMs, bool Correct, string? ItemId = null);

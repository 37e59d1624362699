namespace CodeAssist.Bench.Completion;

/// <summary>What one keystroke's request produced before the next keystroke superseded it.</summary>
/// <param name="Cold">First keystroke after a jump to a new position.</param>
/// <param name="LatencyMs">Keystroke to result, when a result arrived in time.</param>
/// <param name="Correct">The suggestion is a prefix of what the user goes on to type.</param>
internal sealed record KeystrokeOutcome(bool Cold, bool Suggested, double LatencyMs, bool Correct);

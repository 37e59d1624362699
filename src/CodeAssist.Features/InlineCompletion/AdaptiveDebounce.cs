namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// How long to wait before calling the model. While the user types fast, a call started at once is usually
/// superseded by the next key, so the wait follows the typing rhythm (about one key gap, at most twice the base).
/// After a pause, with a model that answers quickly, waiting only adds latency.
/// </summary>
internal sealed class AdaptiveDebounce
{
    private const double PauseMs = 1000;
    private const double FastModelMs = 150;
    private const double Smoothing = 0.3;

    private readonly Lock gate = new();
    private long? lastRequestTimestamp;
    private double intervalMs = double.NaN;

    /// <summary>Records a request at <paramref name="timestamp"/> and returns the wait before a model call.</summary>
    public TimeSpan Next(TimeProvider time, long timestamp, double baseMs, double modelLatencyMs)
    {
        lock (gate)
        {
            var gap = lastRequestTimestamp is { } last ? time.GetElapsedTime(last, timestamp).TotalMilliseconds : double.PositiveInfinity;
            lastRequestTimestamp = timestamp;
            if (gap >= PauseMs)
            {
                var fastModel = modelLatencyMs > 0 && modelLatencyMs <= FastModelMs;
                return TimeSpan.FromMilliseconds(fastModel ? baseMs / 3 : baseMs);
            }

            intervalMs = double.IsNaN(intervalMs) ? gap : (Smoothing * gap) + ((1 - Smoothing) * intervalMs);
            return TimeSpan.FromMilliseconds(Math.Clamp(intervalMs, baseMs, 2 * baseMs));
        }
    }
}

namespace CodeAssist.Features.InlineCompletion;

/// <summary>Keeps the most recent samples (milliseconds) for percentiles; old samples roll off.</summary>
internal sealed class LatencyRecorder
{
    private const int Capacity = 4096;

    private readonly double[] samples = new double[Capacity];
    private readonly Lock gate = new();
    private long count;

    public void Record(double milliseconds)
    {
        lock (gate)
        {
            samples[count % Capacity] = milliseconds;
            count++;
        }
    }

    /// <summary>The <paramref name="percentile"/> (0-100) of the kept samples, or 0 with none.</summary>
    public double Percentile(double percentile)
    {
        double[] sorted;
        lock (gate)
        {
            sorted = samples[..(int)Math.Min(count, Capacity)];
        }

        if (sorted.Length == 0)
        {
            return 0;
        }

        Array.Sort(sorted);
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}

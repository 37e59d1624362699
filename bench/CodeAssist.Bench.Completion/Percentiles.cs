namespace CodeAssist.Bench.Completion;

internal static class Percentiles
{
    public static double Of(IReadOnlyCollection<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public static string Format(IReadOnlyCollection<double> samples) =>
        samples.Count == 0 ? "n/a" : $"p50 {Of(samples, 50):F1} ms, p95 {Of(samples, 95):F1} ms (n={samples.Count})";
}

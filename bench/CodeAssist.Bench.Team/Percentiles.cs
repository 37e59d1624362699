namespace CodeAssist.Bench.Team;

internal static class Percentiles
{
    public static double Of(IReadOnlyCollection<double> samples, double percentile)
    {
        var sorted = samples.Order().ToArray();
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public static string Format(IReadOnlyCollection<double> samples) =>
        samples.Count == 0 ? "n/a" : $"p50 {Of(samples, 50):F0} ms, p95 {Of(samples, 95):F0} ms, p99 {Of(samples, 99):F0} ms (n={samples.Count})";
}

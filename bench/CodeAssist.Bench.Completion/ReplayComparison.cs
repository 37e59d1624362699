using System.Globalization;
using CodeAssist.Features.InlineCompletion;

namespace CodeAssist.Bench.Completion;

/// <summary>`replay --compare`: the guided-decoding figures of both modes of one run, side by side.</summary>
internal static class ReplayComparison
{
    public sealed record Row(
        string Mode, int Keystrokes, double SuggestionsPer100, double CorrectPer100, int MemberSites, int Bound,
        long Rejected, long Trimmed, long Repaired, int Replacements, IReadOnlyList<double> TokenMicroseconds, int Calls, int Finished, long GeneratedTokens, double GeneratingMs);

    public static Row Summarize(string mode, List<KeystrokeOutcome> outcomes, InlineCompletionStatistics stats, MeasuringModel model)
    {
        var keys = Math.Max(1, outcomes.Count);
        var calls = model.Calls;
        var finished = calls.Where(c => !c.Cancelled && c.Usage is not null).ToList();
        return new Row(
            mode,
            outcomes.Count,
            100.0 * outcomes.Count(o => o.Suggested) / keys,
            100.0 * outcomes.Count(o => o.Correct) / keys,
            model.MemberSites.Sites,
            model.MemberSites.Bound,
            stats.RejectedByVerification,
            stats.Trimmed,
            stats.Repaired,
            model.MemberSites.Replacements,
            model.MemberSites.TokenMicroseconds,
            calls.Count,
            finished.Count,
            finished.Sum(c => (long)c.Usage!.GeneratedTokens),
            finished.Sum(c => c.DurationMs));
    }

    public static void Print(ReplaySettings settings, int positions, IReadOnlyList<Row> rows)
    {
        Console.WriteLine($"Guided decoding comparison: {positions} positions, {rows[0].Keystrokes} keystrokes per mode, model {Path.GetFileName(settings.ModelPath ?? "scripted")}, {settings.Threads} threads, pause {settings.PauseAfterLastKeyMs} ms.");
        Console.WriteLine("| metric | " + string.Join(" | ", rows.Select(r => r.Mode)) + " |");
        Console.WriteLine("|---|" + string.Concat(rows.Select(_ => "---|")));
        Line("suggestions per 100 keystrokes (correct)", r => F($"{r.SuggestionsPer100:F1} ({r.CorrectPer100:F1})"));
        Line("member-access sites in finished candidates: names that bind", r => F($"{r.Bound}/{r.MemberSites} ({100.0 * r.Bound / Math.Max(1, r.MemberSites):F1}%)"));
        Line("verification: rejected / trimmed to their checked start / repaired", r => F($"{r.Rejected} / {r.Trimmed} / {r.Repaired}"));
        Line("tokens replaced by the guide", r => F($"{r.Replacements}"));
        Line("guide time added per token p50 / p95 / max (us)", r => r.TokenMicroseconds.Count == 0
            ? "n/a (off)"
            : F($"{Percentiles.Of(r.TokenMicroseconds.ToList(), 50):F0} / {Percentiles.Of(r.TokenMicroseconds.ToList(), 95):F0} / {r.TokenMicroseconds.Max():F0} (n={r.TokenMicroseconds.Count})"));
        Line("model calls (finished)", r => F($"{r.Calls} ({r.Finished})"));
        Line("finished calls: ms per generated token (prompt included)", r => r.GeneratedTokens == 0 ? "n/a" : F($"{r.GeneratingMs / r.GeneratedTokens:F1}"));

        void Line(string metric, Func<Row, string> value) => Console.WriteLine($"| {metric} | " + string.Join(" | ", rows.Select(value)) + " |");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

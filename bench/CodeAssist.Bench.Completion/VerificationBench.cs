using System.Diagnostics;
using System.Text.Json;
using CodeAssist.Features.InlineCompletion;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// Verification on real code: at each mined point, the file is cut at the identifier (the rest of the line removed),
/// then the true rest of the line must be accepted and corrupted ones (misspelled member, extra argument) must not be
/// accepted as they are (rejected, or repaired into something else).
/// </summary>
internal static class VerificationBench
{
    public static async Task<int> RunAsync(string repositoryRoot, string pointsPath, int limit, TimeSpan budget, CancellationToken cancellationToken)
    {
        var project = BenchWorkspace.Load(repositoryRoot);
        var points = File.ReadLines(pointsPath).Select(line => JsonSerializer.Deserialize<MinedPoint>(line)!).Take(limit).ToList();

        // Warm the compilation once so the numbers below are the per-keystroke cost, not the first-load cost.
        var warm = Stopwatch.StartNew();
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        var baselineErrors = compilation!.GetDiagnostics(cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        Console.WriteLine($"Loaded {project.Documents.Count()} files; full compilation {warm.ElapsedMilliseconds} ms, {baselineErrors} baseline errors.");

        int skipped = 0, trueAccepted = 0, trueRejected = 0, trueRepaired = 0, trueUnverified = 0;
        var outcomes = new Dictionary<string, int[]>(); // kind -> [rejected, repaired, accepted as is, unverified]
        var times = new List<double>();
        var cpuTimes = new List<double>();
        var acceptedCorrupted = new List<string>();
        var beforeTimes = new List<double>();
        var rejectedTrue = new List<string>();
        foreach (var point in points)
        {
            var document = BenchWorkspace.Find(project, point.File);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (point.Offset + point.Hole.Length > text.Length || text.ToString(new TextSpan(point.Offset, point.Hole.Length)) != point.Hole)
            {
                skipped++;
                continue;
            }

            var holey = document.WithText(text.WithChanges(new TextChange(new TextSpan(point.Offset, point.Hole.Length), "")));

            // The pipeline computes the "before" errors while the model generates; time it apart from the critical path.
            var beforeWatch = Stopwatch.StartNew();
            var before = Task.FromResult(await CandidateVerifier.MemberErrorsAsync(holey, point.Offset, cancellationToken).ConfigureAwait(false));
            beforeTimes.Add(beforeWatch.Elapsed.TotalMilliseconds);
            var truth = await VerifyAsync(holey, point.Offset, point.Hole, budget, before, times, cpuTimes, cancellationToken).ConfigureAwait(false);
            switch (truth)
            {
                case { Rejected: true }:
                    trueRejected++;
                    rejectedTrue.Add($"{point.File}:{point.Line + 1} {point.Hole} -> {string.Join(',', truth.RejectingIds)}");
                    break;
                case { State: VerificationState.Repaired }:
                    trueRepaired++;
                    break;
                case { State: VerificationState.Unverified }:
                    trueUnverified++;
                    break;
                default:
                    trueAccepted++;
                    break;
            }

            foreach (var (kind, corrupted) in new[] { ("misspelled", Corruption.Misspell(point.Hole, point.Token)), ("extra argument", Corruption.ExtraArgument(point.Hole, point.Token)) })
            {
                if (corrupted is null)
                {
                    continue;
                }

                var counts = outcomes.TryGetValue(kind, out var existing) ? existing : outcomes[kind] = new int[4];
                var result = await VerifyAsync(holey, point.Offset, corrupted, budget, before, times, cpuTimes, cancellationToken).ConfigureAwait(false);
                if (!result.Rejected && result.State == VerificationState.Verified)
                {
                    acceptedCorrupted.Add($"{point.File}:{point.Line + 1} {kind}: {corrupted}");
                }

                counts[result switch
                {
                    { Rejected: true } => 0,
                    { State: VerificationState.Repaired } => 1,
                    { State: VerificationState.Unverified } => 3,
                    _ => 2,
                }]++;
            }
        }

        var checkedPoints = points.Count - skipped;
        Console.WriteLine($"Points: {points.Count} ({skipped} skipped: line moved).");
        Console.WriteLine($"True rest of line: accepted {trueAccepted + trueRepaired}/{checkedPoints} ({Rate(trueAccepted + trueRepaired, checkedPoints)}), of which repaired {trueRepaired}; rejected {trueRejected}; unverified (budget) {trueUnverified}.");
        foreach (var (kind, counts) in outcomes)
        {
            var total = counts.Sum();
            Console.WriteLine($"Corrupted ({kind}): not accepted as is {counts[0] + counts[1]}/{total} ({Rate(counts[0] + counts[1], total)}): rejected {counts[0]}, repaired {counts[1]}; accepted as is {counts[2]}; unverified {counts[3]}.");
        }

        Console.WriteLine($"Errors before (overlapped with generation): wall {Percentiles.Format(beforeTimes)}.");
        Console.WriteLine($"Verification time per candidate (critical path, incl. repair): wall {Percentiles.Format(times)}; process CPU {Percentiles.Format(cpuTimes)}.");
        foreach (var line in acceptedCorrupted.Take(10))
        {
            Console.WriteLine($"  corrupted accepted: {line}");
        }

        foreach (var line in rejectedTrue.Take(10))
        {
            Console.WriteLine($"  true rejected: {line}");
        }

        return 0;
    }

    private static async Task<VerifiedCandidate> VerifyAsync(
        Document document,
        int position,
        string candidate,
        TimeSpan budget,
        Task<MemberErrors> before,
        List<double> times,
        List<double> cpuTimes,
        CancellationToken cancellationToken)
    {
        // CPU time as well as wall time: on a shared, loaded machine the wall time mostly measures the queue.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var results = await CandidateVerifier.VerifyAsync(document, position, [candidate], budget, before, cancellationToken).ConfigureAwait(false);
        times.Add(stopwatch.Elapsed.TotalMilliseconds);
        cpuTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        return results.Results[0];
    }

    private static string Rate(int part, int total) => total == 0 ? "n/a" : $"{100.0 * part / total:F1}%";
}

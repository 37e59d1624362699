using System.Diagnostics;
using System.Text.Json;
using CodeAssist.Context;
using CodeAssist.Features.InlineCompletion;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// The first verification of a session against the warm ones, in a fresh process on a freshly loaded project: with
/// the server's warm-up (the context engine's and <see cref="VerifierWarmUp"/>, run when a project is first seen) or without it
/// (<c>--no-warmup</c>). Each verification checks the true rest of a mined point's line, as a suggestion would be.
/// Run it a few times alternating the two, since a process measures its first verification only once.
/// </summary>
internal static class FirstVerificationBench
{
    public static async Task<int> RunAsync(string repositoryRoot, string pointsPath, bool warmUp, int warmSamples, CancellationToken cancellationToken)
    {
        var project = BenchWorkspace.Load(repositoryRoot);
        var points = new List<(Document Document, int Offset, string Hole)>();
        foreach (var point in File.ReadLines(pointsPath).Select(line => JsonSerializer.Deserialize<MinedPoint>(line)!))
        {
            var document = BenchWorkspace.Find(project, point.File);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (point.Offset + point.Hole.Length <= text.Length && text.ToString(new TextSpan(point.Offset, point.Hole.Length)) == point.Hole)
            {
                var holey = document.WithText(text.WithChanges(new TextChange(new TextSpan(point.Offset, point.Hole.Length), "")));
                points.Add((holey, point.Offset, point.Hole));
            }

            if (points.Count > warmSamples)
            {
                break;
            }
        }

        var warmUpMs = 0.0;
        if (warmUp)
        {
            // As the server's ContextWarmUp: the context engine's warm-up (compilation, indexes), then one verification,
            // on the document the user opened (the one of the first point, before its line is cut).
            var warmDocument = project.GetDocument(points[0].Document.Id)!;
            var watch = Stopwatch.StartNew();
            await new ContextCollector().WarmUpAsync(warmDocument, cancellationToken).ConfigureAwait(false);
            await VerifierWarmUp.RunAsync(warmDocument, cancellationToken).ConfigureAwait(false);
            warmUpMs = watch.Elapsed.TotalMilliseconds;
        }

        var first = await TimeAsync(points[0], cancellationToken).ConfigureAwait(false);
        var warm = new List<double>();
        foreach (var point in points.Skip(1))
        {
            warm.Add(await TimeAsync(point, cancellationToken).ConfigureAwait(false));
        }

        // The same check again, warm: tells the cold cost apart from what that one point costs anyway.
        var again = await TimeAsync(points[0], cancellationToken).ConfigureAwait(false);
        var warmP50 = Percentiles.Of(warm, 50);
        Console.WriteLine($"Warm-up: {(warmUp ? $"{warmUpMs:F0} ms before the first request" : "none")}.");
        Console.WriteLine($"First verification: {first:F1} ms; warm verifications: {Percentiles.Format(warm)}; first / warm p50 = {first / warmP50:F2}; the first point again, warm: {again:F1} ms.");
        return 0;
    }

    private static async Task<double> TimeAsync((Document Document, int Offset, string Hole) point, CancellationToken cancellationToken)
    {
        // No budget: the whole check is timed, as the user would wait for it.
        var watch = Stopwatch.StartNew();
        await CandidateVerifier.VerifyAsync(point.Document, point.Offset, [point.Hole], TimeSpan.FromSeconds(60), before: null, cancellationToken).ConfigureAwait(false);
        return watch.Elapsed.TotalMilliseconds;
    }
}

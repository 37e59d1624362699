using System.Globalization;
using CodeAssist.Llm;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// `replay --compare`'s last table: what the guide costs generation, paired on the same prompts. Separate replays run
/// at different moments of a machine whose speed drifts by 10-20%, and their prompts differ; here each recorded guided
/// request runs three times back to back, once guided and twice not, and only generation is timed (the later runs find
/// the prompt in the cache, and the first run's prompt time is not counted either).
/// </summary>
internal static class GuideCost
{
    public static async Task PrintAsync(ICompletionModel model, IReadOnlyList<InfillRequest> guidedRequests, CancellationToken cancellationToken)
    {
        var guided = new List<double>();
        var unguided = new List<double>();
        var differences = new List<double>();
        var controls = new List<double>();
        var own = new List<double>();
        foreach (var (request, index) in guidedRequests.Select((r, i) => (r, i)))
        {
            // Unguided twice around the guided run, which comes first, between or last in turn: the two unguided runs'
            // difference is the noise that the guided one's difference must stand out of.
            var single = request with { CandidateCount = 1 };
            var free = single with { Identifiers = null };
            var order = (index % 3) switch
            {
                0 => new[] { single, free, free },
                1 => [free, single, free],
                _ => [free, free, single],
            };
            var runs = new List<(double MsPerToken, List<double> GuideMicroseconds)?>();
            foreach (var run in order)
            {
                runs.Add(await GenerateAsync(model, run, cancellationToken).ConfigureAwait(false));
            }

            var withGuide = runs[Array.IndexOf(order, single)];
            var without = runs.Where((_, i) => !ReferenceEquals(order[i], single)).ToList();
            if (withGuide is null || without.Any(r => r is null))
            {
                continue;
            }

            var freeMs = (without[0]!.Value.MsPerToken + without[1]!.Value.MsPerToken) / 2;
            guided.Add(withGuide.Value.MsPerToken);
            unguided.Add(freeMs);
            differences.Add(withGuide.Value.MsPerToken - freeMs);
            controls.Add(without[1]!.Value.MsPerToken - without[0]!.Value.MsPerToken);
            own.AddRange(withGuide.Value.GuideMicroseconds);
        }

        if (differences.Count == 0)
        {
            Console.WriteLine("Guide cost, paired: no guided request generated tokens.");
            return;
        }

        Console.WriteLine(F($"Guide cost, paired on {differences.Count} recorded guided prompts (generation only; each prompt guided once and unguided twice, in rotating order):"));
        Console.WriteLine(F($"  ms per generated token p50: guided {Percentiles.Of(guided, 50):F2}, unguided {Percentiles.Of(unguided, 50):F2}"));
        Console.WriteLine(F($"  guided minus unguided: p50 {Percentiles.Of(differences, 50):F2}, p95 {Percentiles.Of(differences, 95):F2}, mean {differences.Average():F2} ms per token"));
        Console.WriteLine(F($"  control, second unguided minus first: p50 {Percentiles.Of(controls, 50):F2}, p95 {Percentiles.Of(controls, 95):F2}, mean {controls.Average():F2} ms per token"));
        Console.WriteLine(F($"  the guide's own time per token: p50 {Percentiles.Of(own, 50):F0} us, p95 {Percentiles.Of(own, 95):F0} us, mean {own.Average():F0} us (n={own.Count})"));
    }

    private static async Task<(double MsPerToken, List<double> GuideMicroseconds)?> GenerateAsync(ICompletionModel model, InfillRequest request, CancellationToken cancellationToken)
    {
        CompletionUsage? usage = null;
        await foreach (var chunk in model.InfillAsync(request, cancellationToken).ConfigureAwait(false))
        {
            usage ??= chunk.Usage;
        }

        return usage is { GeneratedTokens: > 0, GenerationTime: { } time }
            ? (time.TotalMilliseconds / usage.GeneratedTokens, usage.ConstraintTokenTimes.Select(t => t.TotalMicroseconds).ToList())
            : null;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using CodeAssist.Llm;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// `replay --compare`'s last table: what the guide costs generation, paired on the same prompts. Separate replays run
/// at different moments of a machine whose speed drifts by 10-20%, and their prompts differ; here each recorded guided
/// request runs twice back to back, once guided and once not, in alternating order, and only generation is timed (the
/// second run finds its prompt in the cache, and the first run's prompt time is not counted either).
/// </summary>
internal static class GuideCost
{
    public static async Task PrintAsync(ICompletionModel model, IReadOnlyList<InfillRequest> guidedRequests, CancellationToken cancellationToken)
    {
        var guided = new List<double>();
        var unguided = new List<double>();
        var differences = new List<double>();
        var own = new List<double>();
        foreach (var (request, index) in guidedRequests.Select((r, i) => (r, i)))
        {
            var single = request with { CandidateCount = 1 };
            var free = single with { Identifiers = null };
            var guidedFirst = index % 2 == 0;
            var first = await GenerateAsync(model, guidedFirst ? single : free, cancellationToken).ConfigureAwait(false);
            var second = await GenerateAsync(model, guidedFirst ? free : single, cancellationToken).ConfigureAwait(false);
            var (withGuide, without) = guidedFirst ? (first, second) : (second, first);
            if (withGuide is null || without is null)
            {
                continue;
            }

            guided.Add(withGuide.Value.MsPerToken);
            unguided.Add(without.Value.MsPerToken);
            differences.Add(withGuide.Value.MsPerToken - without.Value.MsPerToken);
            own.AddRange(withGuide.Value.GuideMicroseconds);
        }

        if (differences.Count == 0)
        {
            Console.WriteLine("Guide cost, paired: no guided request generated tokens.");
            return;
        }

        Console.WriteLine(F($"Guide cost, paired on {differences.Count} recorded guided prompts (generation only, alternating order):"));
        Console.WriteLine(F($"  ms per generated token p50: guided {Percentiles.Of(guided, 50):F2}, unguided {Percentiles.Of(unguided, 50):F2}; difference p50 {Percentiles.Of(differences, 50):F2}, p95 {Percentiles.Of(differences, 95):F2}, mean {differences.Average():F2}"));
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

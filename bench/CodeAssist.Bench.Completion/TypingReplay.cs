using System.Diagnostics;
using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using CodeAssist.Llm.LlamaSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// Retypes real statements of Newtonsoft.Json one character at a time (60-100 ms a key), sending one completion
/// request per keystroke and cancelling the previous request, as VS Code does, against the in-process pipeline.
/// </summary>
internal static class TypingReplay
{
    // Guided requests rerun in pairs after a --compare replay: enough for a p95, a minute or two on two cores.
    private const int GuideCostPrompts = 40;

    public static async Task<int> RunAsync(string repositoryRoot, ReplaySettings settings, CancellationToken cancellationToken)
    {
        var project = BenchWorkspace.Load(repositoryRoot);
        var warm = Stopwatch.StartNew();
        await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"Compilation warm-up: {warm.ElapsedMilliseconds} ms (the server pays this once at load).");

        var positions = settings.PointsFile is { } points
            ? await ReplayPositions.FromPointsAsync(project, points, settings.Positions, settings.KeysPerPosition, cancellationToken).ConfigureAwait(false)
            : await ReplayPositions.PickAsync(project, settings.Positions, settings.KeysPerPosition, cancellationToken).ConfigureAwait(false);
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in positions.Select(p => p.File).Distinct(StringComparer.Ordinal))
        {
            originals[Path.GetFileName(file)] = (await BenchWorkspace.Find(project, file).GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
        }

        var oracle = new OracleCompletionModel(originals, settings);
        using var local = settings.ModelPath is null ? null : await LoadLocalAsync(settings, cancellationToken).ConfigureAwait(false);
        if (settings.Compare)
        {
            // Both modes in one process, on the same loaded model and positions, so the columns compare like for like.
            var rows = new List<ReplayComparison.Row>();
            IReadOnlyList<InfillRequest> guided = [];
            foreach (var withheld in new[] { false, true })
            {
                var measured = new MeasuringModel(local?.Completion ?? oracle, withheld, settings.NoPrefill);
                var (keys, _, stats) = await ReplayAllAsync(project, positions, measured, settings, cancellationToken).ConfigureAwait(false);
                rows.Add(ReplayComparison.Summarize(withheld ? "unconstrained" : "constrained", keys, stats, measured));
                guided = withheld ? guided : measured.GuidedRequests;
            }

            ReplayComparison.Print(settings, positions.Count, rows);
            if (local is not null)
            {
                await GuideCost.PrintAsync(local.Completion, guided.Take(GuideCostPrompts).ToList(), cancellationToken).ConfigureAwait(false);
            }
            return 0;
        }

        var model = new MeasuringModel(local?.Completion ?? oracle, settings.Unconstrained, settings.NoPrefill);
        if (settings.OverJsonRpc)
        {
            await ServerReplay.RunAsync(repositoryRoot, positions, originals, model, settings, cancellationToken).ConfigureAwait(false);
            ReportModelCalls(model.Calls, local?.Completion.Throughput);
            return 0;
        }

        var (outcomes, cold, statistics) = await ReplayAllAsync(project, positions, model, settings, cancellationToken).ConfigureAwait(false);
        Report(settings, positions.Count, outcomes, cold, statistics, local is null ? oracle.GeneratedTokens : -1);
        ReportModelCalls(model.Calls, local?.Completion.Throughput);
        if (local is LlamaLocalModel { Session.PreemptionWaits: { Count: > 0 } waits })
        {
            // What background prefill costs a foreground request (issue #15: at most one chunk, 50 ms at p95).
            var ms = waits.Select(wait => wait.TotalMilliseconds).ToList();
            Console.WriteLine($"Requests that stopped a background prefill: {ms.Count}; their wait for the model p50 {Percentiles.Of(ms, 50):F1} ms, p95 {Percentiles.Of(ms, 95):F1} ms, max {ms.Max():F1} ms.");
        }

        if (Environment.GetEnvironmentVariable("CODEASSIST_BENCH_CALLS") == "1")
        {
            foreach (var prefill in model.Prefills)
            {
                Console.WriteLine($"    prefill: {prefill}");
            }
        }

        ReportMemberSites(model.MemberSites, settings.Unconstrained);
        return 0;
    }

    private static async Task<(List<KeystrokeOutcome> Outcomes, List<double> Cold, InlineCompletionStatistics Statistics)> ReplayAllAsync(
        Project project, IReadOnlyList<ReplayPosition> positions, MeasuringModel model, ReplaySettings settings, CancellationToken cancellationToken)
    {
        var options = new CodeAssistOptions
        {
            Completion = new CompletionOptions { MaxTokens = settings.MaxTokens, ColdLatencyMs = settings.ColdLatencyMs },
            Context = new ContextOptions { ProjectDigestTokens = settings.DigestTokens },
        };
        // The real Roslyn context collector, so prompts carry context and its cost shows in the overhead.
        var collector = new ContextCollector();
        using var service = new InlineCompletionService(new SingleModel(model), collector, () => options);
        if (positions.Count > 0)
        {
            // What the server's ContextWarmUp does when the project loads, before any request: the context engine's
            // indexes, then one verification.
            var first = BenchWorkspace.Find(project, positions[0].File);
            var warming = Stopwatch.StartNew();
            await collector.WarmUpAsync(first, cancellationToken).ConfigureAwait(false);
            await service.WarmUpVerificationAsync(first, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Context and verification warm-up: {warming.ElapsedMilliseconds} ms (the server's ContextWarmUp at load).");
        }

        if (!settings.NoPrefill && positions.Count > 0)
        {
            // As the server's warm-up does when the project loads: the project digest goes into the model's cache first.
            var prepared = service.GetStatistics().PrefilledTokens;
            await service.PrepareProject(BenchWorkspace.Find(project, positions[0].File)).ConfigureAwait(false);
            await service.PrefillIdle.ConfigureAwait(false);
            Console.WriteLine($"Project digest ({settings.DigestTokens} tokens at most) prefilled at load: {service.GetStatistics().PrefilledTokens - prepared} tokens.");
        }

        var random = new Random(42);
        var outcomes = new List<KeystrokeOutcome>();
        var cold = new List<double>();
        foreach (var (position, index) in positions.Select((p, i) => (p, i)))
        {
            model.StartPosition(index, position.Needed);
            await ReplayAsync(project, position, service, settings, random, outcomes, cold, () => model.StartPosition(index, position.Needed), cancellationToken).ConfigureAwait(false);
        }

        return (outcomes, cold, service.GetStatistics());
    }

    private static async Task<ILocalModel> LoadLocalAsync(ReplaySettings settings, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var local = await new LlamaSharpModelFactory().LoadAsync(
            new LlmOptions { Model = settings.ModelPath!, Threads = settings.Threads, ContextSize = 4096 }, null, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"Loaded {settings.ModelPath} ({local.Completion.Info.FimFormat}) with {settings.Threads} threads in {stopwatch.ElapsedMilliseconds} ms.");
        if (local is LlamaLocalModel { Session.VocabularyIndexing: { } indexing })
        {
            var loaded = stopwatch.ElapsedMilliseconds;
            _ = indexing.ContinueWith(_ => Console.WriteLine($"(vocabulary indexed {stopwatch.ElapsedMilliseconds - loaded} ms after the load)"), TaskScheduler.Default);
        }

        return local;
    }

    private static async Task ReplayAsync(
        Project project,
        ReplayPosition position,
        InlineCompletionService service,
        ReplaySettings settings,
        Random random,
        List<KeystrokeOutcome> outcomes,
        List<double> cold,
        Action restartClock,
        CancellationToken cancellationToken)
    {
        var document = BenchWorkspace.Find(project, position.File);
        var original = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var cut = original.WithChanges(new TextChange(new TextSpan(position.Start, position.LineRest.Length), ""));
        var keys = Math.Min(settings.KeysPerPosition, position.LineRest.Length);
        var current = cut;
        Document? snapshot = null;
        await KeystrokeLoop.RunAsync(
            keys,
            settings,
            random,
            key =>
            {
                // Each keystroke changes the previous text, as didChange does in the server.
                current = current.WithChanges(new TextChange(new TextSpan(position.Start + key - 1, 0), position.LineRest[(key - 1)..key]));
                snapshot = document.WithText(current);
                return Task.CompletedTask;
            },
            (key, jump, token) => RequestAsync(service, snapshot!, position.Start + key, jump, position.LineRest[key..], token),
            outcomes,
            cold,
            cancellationToken,
            settings.DwellMs <= 0 ? null : async () =>
            {
                // The client reports the resting cursor (codeAssist/didChangeCursor); the user reads, then types.
                if (!settings.NoPrefill)
                {
                    _ = service.Prepare(new InlineCompletionRequest(document.WithText(cut), position.Start));
                }

                await Task.Delay(settings.DwellMs, cancellationToken).ConfigureAwait(false);
                restartClock();
            },
            settings.DwellMs <= 0 ? null : async shown =>
            {
                if (!settings.NoPrefill)
                {
                    // "Before" had no speculation: acceptance only counted.
                    service.Accepted(shown.ItemId!);
                }

                await Task.Delay(settings.DwellMs, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private static async Task<KeystrokeOutcome> RequestAsync(
        InlineCompletionService service, Document document, int caret, long jump, string stillToType, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await service.GetCompletionsAsync(new InlineCompletionRequest(document, caret), cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested || result.Items.Count == 0)
            {
                return new KeystrokeOutcome(false, 0, 0, false);
            }

            var suggestion = result.Items[0].InsertText;
            return new KeystrokeOutcome(
                true,
                stopwatch.Elapsed.TotalMilliseconds,
                Stopwatch.GetElapsedTime(jump).TotalMilliseconds,
                stillToType.StartsWith(suggestion, StringComparison.Ordinal),
                result.Items[0].Id);
        }
        catch (OperationCanceledException)
        {
            return new KeystrokeOutcome(false, 0, 0, false);
        }
    }

    private static void Report(ReplaySettings settings, int positions, List<KeystrokeOutcome> outcomes, List<double> cold, InlineCompletionStatistics stats, long generatedTokens)
    {
        var keys = outcomes.Count;
        double Per100(long value) => 100.0 * value / Math.Max(1, keys);
        var warm = outcomes.Where(o => o.Suggested).Select(o => o.LatencyMs).ToList();
        var modelDescription = settings.ModelPath is null
            ? $"scripted model first token {settings.FirstTokenLatency.TotalMilliseconds} ms + {settings.PerTokenLatency.TotalMilliseconds} ms/token, accuracy {settings.Accuracy:P0}"
                + (settings.PromptTokensPerSecond > 0 ? $", simulated CPU prompt {settings.PromptTokensPerSecond} tok/s with KV reuse" : "")
            : $"LLamaSharp {Path.GetFileName(settings.ModelPath)}, {settings.Threads} threads, {settings.MaxTokens} tokens, cold target {settings.ColdLatencyMs} ms";
        Console.WriteLine($"Replay: {positions} positions, {keys} keystrokes, keys {settings.MinKeyIntervalMs}-{settings.MaxKeyIntervalMs} ms, {modelDescription}.");
        Console.WriteLine($"Model latency per call: p50 {stats.ModelLatencyP50Ms:F1} ms.");
        Console.WriteLine($"Keystroke-to-suggestion latency: per keystroke {Percentiles.Format(warm)}; cold (jump to first suggestion) {Percentiles.Format(cold)}.");
        Console.WriteLine($"Suggestions per 100 keystrokes: {Per100(outcomes.Count(o => o.Suggested)):F1} (correct: {Per100(outcomes.Count(o => o.Correct)):F1}).");
        Console.WriteLine($"Model calls per 100 keystrokes: {Per100(stats.ModelCalls):F1} ({100 - Per100(stats.ModelCalls):F0}% fewer than one per keystroke).");
        Console.WriteLine($"Hits per 100 requests: typing-through {Per100(stats.TypingThroughHits):F1}, in-flight join {Per100(stats.InFlightJoins):F1}, cache {Per100(stats.CacheHits):F1}; superseded generations {stats.Superseded}.");
        Console.WriteLine($"Server overhead excluding model and debounce: p50 {stats.OverheadP50Ms:F1} ms, p95 {stats.OverheadP95Ms:F1} ms; typing-through p95 {stats.TypingThroughP95Ms:F2} ms.");
        Console.WriteLine($"Generated tokens {(generatedTokens < 0 ? "n/a" : generatedTokens)}, wasted after cancellation {stats.WastedTokens}.");
        Console.WriteLine($"Dwell {settings.DwellMs} ms after jumps and acceptances; prefill {(settings.NoPrefill ? "off" : "on")}: {stats.PrefilledTokens} tokens in the background, "
            + $"{stats.PrefillPreemptions} pre-emptions, {stats.PrefilledHeadHits} requests on a prefilled head, "
            + $"{stats.PrefilledCaretPrompts} whole prompts prefilled at a resting caret, {stats.PrefilledCaretHits} requests on one; accepted {stats.Accepted}, speculations {stats.Speculations}.");
        Console.WriteLine($"Verification: rejected {stats.RejectedByVerification}, trimmed {stats.Trimmed}, repaired {stats.Repaired}, unverified (over budget) {stats.Unverified}; p50 {stats.VerificationP50Ms:F1} ms, p95 {stats.VerificationP95Ms:F1} ms.");
    }

    private static void ReportMemberSites(MemberSiteTally tally, bool unconstrained)
    {
        var micros = tally.TokenMicroseconds.ToList();
        Console.WriteLine($"Identifier constraint: {(unconstrained ? "withheld from the model" : "on")}; member-access sites in finished candidates {tally.Sites}, "
            + $"names that bind {tally.Bound} ({100.0 * tally.Bound / Math.Max(1, tally.Sites):F1}%); tokens replaced {tally.Replacements}.");
        if (micros.Count > 0)
        {
            Console.WriteLine($"  added per generated token: p50 {Percentiles.Of(micros, 50):F0} us, p95 {Percentiles.Of(micros, 95):F0} us, max {micros.Max():F0} us (n={micros.Count}).");
        }
    }

    internal static void ReportModelCalls(IReadOnlyList<ModelCall> calls, ModelThroughput? throughput)
    {
        if (throughput is not null)
        {
            Console.WriteLine($"Measured speed: prompt {throughput.PromptTokensPerSecond:F0} tok/s, generation {throughput.GeneratedTokensPerSecond:F1} tok/s.");
        }

        var finished = calls.Where(c => !c.Cancelled).ToList();
        var coldCalls = finished.Where(c => c.FirstAtPosition).ToList();
        var warmCalls = finished.Where(c => !c.FirstAtPosition).ToList();
        static string Tokens(IEnumerable<ModelCall> set, Func<CompletionUsage, int> pick)
        {
            var values = set.Where(c => c.Usage is not null).Select(c => (double)pick(c.Usage!)).ToList();
            return values.Count == 0 ? "n/a" : $"p50 {Percentiles.Of(values, 50):F0}, p95 {Percentiles.Of(values, 95):F0}";
        }

        Console.WriteLine($"Model calls: {calls.Count} ({calls.Count(c => c.Cancelled)} cancelled); Roslyn context in {calls.Count(c => c.ContextTokens > 0)} prompts, "
            + $"{(calls.Count == 0 ? "n/a" : $"p50 {Percentiles.Of(calls.Select(c => (double)c.ContextTokens).ToList(), 50):F0} tokens")}.");
        Console.WriteLine($"  cold (first call at a position): {Percentiles.Format(coldCalls.Select(c => c.DurationMs).ToList())}; first key to answer {Percentiles.Format(coldCalls.Select(c => c.SinceJumpMs).ToList())}");
        if (coldCalls.Count(c => c.NeededInPrompt is not null) is var mined and > 0)
        {
            var held = coldCalls.Count(c => c.NeededInPrompt == true);
            Console.WriteLine($"    needed cross-file identifier in the prompt: {held} of {mined} cold calls ({100.0 * held / mined:F0}%)");
        }

        Console.WriteLine($"    prompt tokens {Tokens(coldCalls, u => u.PromptTokens)}; evaluated {Tokens(coldCalls, u => u.EvaluatedPromptTokens)}; generated {Tokens(coldCalls, u => u.GeneratedTokens)}");
        if (Environment.GetEnvironmentVariable("CODEASSIST_BENCH_CALLS") == "1")
        {
            foreach (var call in calls)
            {
                Console.WriteLine($"    call: position {call.Position} first {call.FirstAtPosition} {call.DurationMs:F0} ms, since first key {call.SinceJumpMs:F0} ms, cancelled {call.Cancelled}, context {call.ContextTokens} tokens, needed {call.NeededInPrompt}, {call.Usage}, estimate {call.Estimate}");
            }
        }

        Console.WriteLine($"  warm (later calls at the position): {Percentiles.Format(warmCalls.Select(c => c.DurationMs).ToList())}");
        Console.WriteLine($"    prompt tokens {Tokens(warmCalls, u => u.PromptTokens)}; evaluated {Tokens(warmCalls, u => u.EvaluatedPromptTokens)}; generated {Tokens(warmCalls, u => u.GeneratedTokens)}");
    }
}

using System.Runtime.CompilerServices;
using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Ghost-text completion: in = a document snapshot and a caret offset, out = items with insert text and a replace range.
/// Answers, cheapest first: typing-through of the suggestion on screen, a generation in flight that this keystroke
/// continues, the exact cache, then (after an adaptive debounce) a new generation that supersedes the older one.
/// Without a model it answers from Roslyn's completion list.
/// </summary>
public sealed partial class InlineCompletionService : IDisposable
{
    public const string NoModelMessage = "No completion model: suggestions come from Roslyn alone. Run `codeassist models pull` to add one.";

    private readonly ILanguageModels? models;
    private readonly Func<CodeAssistOptions> options;
    private readonly TimeProvider time;
    private readonly InlineCompletionCounters counters = new();
    private readonly CandidateRanker ranker;
    private readonly DocumentGenerations documents;
    private readonly CompletionCache cache;
    private readonly ConditionalWeakTable<ICompletionModel, InlineCompletionPromptBuilder> promptBuilders = [];
    private readonly MemberContext memberContext;
    private readonly HeadPrefill prefill;
    private readonly ProjectDigestPrefix digests;
    private readonly ContentExclusions? exclusions;
    private Task speculating = Task.CompletedTask;

    /// <param name="exclusions">Files that get no model suggestion; the built-in secrets patterns when null.</param>
    public InlineCompletionService(
        ILanguageModels? models, ICodeContextProvider? contextProvider, Func<CodeAssistOptions> options, TimeProvider? time = null, ContentExclusions? exclusions = null)
    {
        this.exclusions = exclusions;
        this.models = models;
        this.options = options;
        this.time = time ?? TimeProvider.System;
        ranker = new CandidateRanker(counters);
        documents = new DocumentGenerations(counters, this.time);
        digests = new ProjectDigestPrefix(contextProvider, () => exclusions?.Current ?? ContentExclusion.Defaults);
        memberContext = new MemberContext(contextProvider, digests, counters);
        prefill = new HeadPrefill(counters, this.time);
        cache = new CompletionCache(options().Cache.MaxEntries);
        if (models is not null && options().Completion.Verify)
        {
            _ = SpellingRepair.WarmUp();
        }
    }

    public InlineCompletionStatistics GetStatistics()
    {
        var throughput = models?.GetCompletionModel("completion")?.Throughput;
        return counters.Snapshot() with
        {
            ModelPromptTokensPerSecond = throughput?.PromptTokensPerSecond ?? 0,
            ModelGeneratedTokensPerSecond = throughput?.GeneratedTokensPerSecond ?? 0,
        };
    }

    /// <summary>
    /// Completes when the checks that ran past their budget have published their results (the one-shot CLI and tests
    /// wait on it, then ask again).
    /// </summary>
    public Task LateChecks => cache.LateChecks;

    /// <summary>
    /// Pays a project's first verification in the background (the fork, its compilation, binding a member, Roslyn's
    /// spelling fixer on it), so the first suggestion of a session is checked about as fast as later ones.
    /// </summary>
    public Task WarmUpVerificationAsync(Document document, CancellationToken cancellationToken) =>
        models is null || !options().Completion.Verify ? Task.CompletedTask : VerifierWarmUp.RunAsync(document, cancellationToken);

    /// <summary>
    /// Counts an item the user accepted (the client runs the item's command) and starts, in the background, the
    /// generation for the text with the item applied, so that the suggestion after Tab is served from it.
    /// </summary>
    public void Accepted(string itemId)
    {
        if (string.IsNullOrEmpty(itemId))
        {
            return;
        }

        counters.Accepted();
        if (Speculation.After(documents.All, itemId) is { } next)
        {
            counters.Speculation();
            speculating = Task.Run(() => ComputeAsync(next, time.GetTimestamp(), new RequestTiming(), CancellationToken.None));
        }
    }

    /// <summary>The speculative request started by the last acceptance (tests wait on it).</summary>
    internal Task Speculating => speculating;

    /// <summary>Background prefills pending or running (tests and the benchmark wait on it).</summary>
    public Task PrefillIdle => prefill.Idle;

    /// <summary>Forgets a closed document and stops its generation.</summary>
    public void CloseDocument(string documentKey) => documents.Close(documentKey);

    public async Task<InlineCompletionResult> GetCompletionsAsync(InlineCompletionRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        counters.Request();
        var timing = new RequestTiming();
        var result = await ComputeAsync(request, started, timing, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        counters.Latency.Record(elapsed);
        counters.Overhead.Record(Math.Max(0, elapsed - timing.ExcludedMs));
        if (timing.TypingThrough)
        {
            counters.TypingThroughLatency.Record(elapsed);
        }

        if (result.Items.Count > 0)
        {
            counters.Shown();
        }

        return result;
    }

    private async Task<InlineCompletionResult> ComputeAsync(
        InlineCompletionRequest request, long started, RequestTiming timing, CancellationToken cancellationToken)
    {
        var settings = options();
        var document = request.Document;
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (!settings.Completion.Enabled || request.Position < 0 || request.Position > text.Length)
        {
            return InlineCompletionResult.Empty;
        }

        // An excluded file's text never reaches the model: Roslyn's own completion, and the reason.
        if ((exclusions?.Current ?? ContentExclusion.Defaults).NoticeFor(document.FilePath) is { } excluded)
        {
            counters.RoslynFallback();
            var roslyn = await RoslynCompletionFallback.GetAsync(document, request.Position, ranker.NextId(), cancellationToken).ConfigureAwait(false);
            return new InlineCompletionResult(roslyn is null ? [] : [roslyn], excluded);
        }

        var state = documents.Get(request.DocumentKey);
        var requestNumber = state.Requests;
        if (!request.Speculative)
        {
            // Counted before any await, so that a speculation still on its way to the model sees it and gives way.
            requestNumber = state.NoteRequest();
            state.LastDocument = document;
        }
        else if (state.Requests != request.SpeculatedAfter)
        {
            return InlineCompletionResult.Empty;
        }

        var debounce = state.Debounce.Next(time, started, settings.Completion.DebounceMs, counters.ModelLatencyAverageMs);
        if (TypingThrough.TryContinue(state.Shown, text, request.Position) is { } continued)
        {
            counters.TypingThroughHit();
            timing.TypingThrough = true;
            state.Shown = new ShownSuggestion(text, request.Position, continued);
            return new InlineCompletionResult(continued);
        }

        var model = models?.GetCompletionModel("completion");
        if (model is null)
        {
            counters.RoslynFallback();
            var item = await RoslynCompletionFallback.GetAsync(document, request.Position, ranker.NextId(), cancellationToken).ConfigureAwait(false);
            return new InlineCompletionResult(item is null ? [] : [item], NoModelMessage);
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return InlineCompletionResult.Empty;
        }

        var decision = CompletionDecider.Decide(
            root, text, request.Position, model.Info.SupportsFim, settings.Completion.InCommentsAndStrings || request.Explicit);
        var running = documents.Joinable(state, text, request.Position, wanted: decision.Shape != CompletionShape.None);
        if (decision.Shape == CompletionShape.None)
        {
            return InlineCompletionResult.Empty;
        }

        if (running is not null)
        {
            counters.InFlightJoin();
            if (await documents.JoinAsync(state, running, text, request.Position, timing, cancellationToken).ConfigureAwait(false) is { } joined)
            {
                return joined;
            }

            // What the user typed is not what the model said. Only the newest request asks again: older ones of the same
            // burst are stale, and their answers would only supersede one another.
            if (request.Speculative || state.Requests != requestNumber)
            {
                return InlineCompletionResult.Empty;
            }
        }

        var head = await memberContext.GetAsync(state, model, document, root, text, request.Position, settings, prefill.IsComplete, cancellationToken).ConfigureAwait(false);
        if (!head.HasPrefix)
        {
            // This member's stable head is not in the model's cache yet: fill it between foreground requests.
            _ = SchedulePrefill(state, model, document, request.Position);
        }

        var builder = promptBuilders.GetValue(model, m => new InlineCompletionPromptBuilder(m));
        var prompt = builder.Build(text, request.Position, decision, head, document.FilePath, settings.Completion);
        if (!request.Speculative && state.CaretPrompt is { } rested)
        {
            // Counted once: the first request after the rest is the one the prefill was for.
            state.CaretPrompt = null;
            if (CaretPrompts.Extends(prompt.Request, rested))
            {
                counters.PrefilledCaretHit();
            }
        }
        if (cache.Get(prompt.Key) is { } cached)
        {
            counters.CacheHit();
            return await cache.ServeAsync(ranker, state, cached, prompt.Key, document, text, request.Position, settings.Completion, cancellationToken).ConfigureAwait(false);
        }

        // The wait counts from the keystroke: the Roslyn work above (context, prompt) already used part of it.
        var wait = debounce - time.GetElapsedTime(started);
        if (!request.Explicit && !request.Speculative && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            timing.ExcludedMs += wait.TotalMilliseconds;
        }

        var generation = documents.Start(
            request.DocumentKey,
            state,
            prompt.Key,
            text,
            request.Position,
            generation => new GenerationRunner(model, ranker, counters, cache, time).RunAsync(generation, state, prompt, decision, document, settings.Completion),
            request.SpeculatedAfter);
        if (generation is null)
        {
            return InlineCompletionResult.Empty;
        }

        return await documents.JoinAsync(state, generation, text, request.Position, timing, cancellationToken).ConfigureAwait(false)
            ?? InlineCompletionResult.Empty;
    }

    public void Dispose()
    {
        prefill.Dispose();
        documents.Dispose();
        cache.Dispose();
    }
}

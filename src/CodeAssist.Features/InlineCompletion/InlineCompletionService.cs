using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Ghost-text completion: in = a document snapshot and a caret offset, out = items with insert text and a replace range.
/// Answers, cheapest first: typing-through of the suggestion on screen, a generation in flight that this keystroke
/// continues, the exact cache, then (after an adaptive debounce) a new generation that supersedes the older one.
/// Without a model it answers from Roslyn's completion list.
/// </summary>
public sealed class InlineCompletionService : IDisposable
{
    public const string NoModelMessage = "No completion model: suggestions come from Roslyn alone. Run `codeassist models pull` to add one.";

    private readonly ILanguageModels? models;
    private readonly ICodeContextProvider? contextProvider;
    private readonly Func<CodeAssistOptions> options;
    private readonly TimeProvider time;
    private readonly InlineCompletionCounters counters = new();
    private readonly CandidateRanker ranker;
    private readonly ConcurrentDictionary<string, DocumentCompletionState> documents = new(StringComparer.Ordinal);
    private readonly CompletionCache cache;
    private readonly ConditionalWeakTable<ICompletionModel, InlineCompletionPromptBuilder> promptBuilders = [];
    private readonly MemberContext memberContext;
    private readonly ContentExclusions? exclusions;

    /// <param name="exclusions">Files that get no model suggestion; the built-in secrets patterns when null.</param>
    public InlineCompletionService(
        ILanguageModels? models, ICodeContextProvider? contextProvider, Func<CodeAssistOptions> options, TimeProvider? time = null, ContentExclusions? exclusions = null)
    {
        this.exclusions = exclusions;
        this.models = models;
        this.contextProvider = contextProvider;
        this.options = options;
        this.time = time ?? TimeProvider.System;
        ranker = new CandidateRanker(counters);
        memberContext = new MemberContext(contextProvider, counters);
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

    /// <summary>Counts an item the user accepted (the client runs the item's command).</summary>
    public void Accepted(string itemId)
    {
        if (!string.IsNullOrEmpty(itemId))
        {
            counters.Accepted();
        }
    }

    /// <summary>Forgets a closed document and stops its generation.</summary>
    public void CloseDocument(string documentKey)
    {
        if (documents.TryRemove(documentKey, out var state))
        {
            state.InFlight?.Cancellation.Cancel();
        }
    }

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

        var state = documents.GetOrAdd(request.DocumentKey, _ => new DocumentCompletionState());
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
        Generation? running;
        Generation? stale = null;
        lock (state.Gate)
        {
            running = state.InFlight;
            if (running is not null && (decision.Shape == CompletionShape.None || !running.CanServe(text, request.Position)))
            {
                stale = Detach(state, running);
                running = null;
            }
        }

        Cancel(stale);

        if (decision.Shape == CompletionShape.None)
        {
            return InlineCompletionResult.Empty;
        }

        if (running is not null)
        {
            counters.InFlightJoin();
            return await JoinAsync(state, running, text, request.Position, timing, cancellationToken).ConfigureAwait(false);
        }

        var (context, contextTokens, plan) = await memberContext.GetAsync(state, model, document, root, request.Position, settings, cancellationToken).ConfigureAwait(false);
        var builder = promptBuilders.GetValue(model, m => new InlineCompletionPromptBuilder(m));
        var prompt = builder.Build(text, request.Position, decision, context, contextTokens, plan, document.FilePath, settings.Completion);
        if (cache.Get(prompt.Key) is { } cached)
        {
            counters.CacheHit();
            IReadOnlyList<InlineCompletionItem> items;
            if (cached.Settled is { } settled)
            {
                items = ranker.Reissue(settled, request.Position, InlineCompletionSource.Cache);
                state.Shown = new ShownSuggestion(text, request.Position, items);
            }
            else
            {
                var ranked = await ranker.RankAsync(document, request.Position, cached.Candidates, InlineCompletionSource.Cache, settings.Completion, before: null, cancellationToken)
                    .ConfigureAwait(false);
                items = ranked.Items;
                var shown = new ShownSuggestion(text, request.Position, items);
                state.Shown = shown;
                cache.Ranked(prompt.Key, cached.Candidates, ranked, state, shown);
            }

            return new InlineCompletionResult(items);
        }

        // The wait counts from the keystroke: the Roslyn work above (context, prompt) already used part of it.
        var wait = debounce - time.GetElapsedTime(started);
        if (!request.Explicit && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            timing.ExcludedMs += wait.TotalMilliseconds;
        }

        Generation generation;
        var startedNew = false;
        lock (state.Gate)
        {
            stale = null;
            if (state.InFlight is { } other && other.PromptKey == prompt.Key && !other.Completion.IsCompleted)
            {
                // Same prompt already running (a duplicate request): attach instead of starting a second call.
                generation = other;
                counters.InFlightJoin();
            }
            else
            {
                startedNew = true;
                if (state.InFlight is { } older)
                {
                    stale = Detach(state, older);
                }

                generation = new Generation(prompt.Key, text, request.Position);
                var runner = new GenerationRunner(model, ranker, counters, cache, time);
                generation.Completion = runner.RunAsync(generation, state, prompt, decision, document, settings.Completion);
                state.InFlight = generation;
            }
        }

        Cancel(stale);
        if (startedNew)
        {
            CancelOtherDocuments(request.DocumentKey);
        }

        return await JoinAsync(state, generation, text, request.Position, timing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The user is typing in another file now: what runs for the previous one would only keep a local model (which
    /// serves one request at a time) from this file's first suggestion.
    /// </summary>
    private void CancelOtherDocuments(string documentKey)
    {
        foreach (var (key, other) in documents)
        {
            if (key == documentKey)
            {
                continue;
            }

            Generation? stale = null;
            lock (other.Gate)
            {
                if (other.InFlight is { } running)
                {
                    stale = Detach(other, running);
                }
            }

            Cancel(stale);
        }
    }

    private async Task<InlineCompletionResult> JoinAsync(
        DocumentCompletionState state,
        Generation generation,
        SourceText text,
        int position,
        RequestTiming timing,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<InlineCompletionItem> items;
        var joined = time.GetTimestamp();
        try
        {
            items = await generation.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Superseded by a newer request: this keystroke is stale, its answer is empty.
            return InlineCompletionResult.Empty;
        }
        finally
        {
            timing.ExcludedMs += ModelOverlapMs(generation, joined);
        }

        if (position == generation.Position)
        {
            return new InlineCompletionResult(items);
        }

        // The user typed on while the model ran: the result is only useful if it starts with what was typed.
        var continued = TypingThrough.TryContinue(new ShownSuggestion(generation.Text, generation.Position, items), text, position) ?? [];
        if (continued.Count > 0)
        {
            state.Shown = new ShownSuggestion(text, position, continued);
        }

        return new InlineCompletionResult(continued);
    }

    /// <summary>How long this request waited while the model itself was running.</summary>
    private double ModelOverlapMs(Generation generation, long joined)
    {
        if (generation.ModelStarted == 0)
        {
            return 0;
        }

        var start = Math.Max(joined, generation.ModelStarted);
        var end = generation.ModelEnded == 0 ? time.GetTimestamp() : generation.ModelEnded;
        return end > start ? time.GetElapsedTime(start, end).TotalMilliseconds : 0;
    }

    /// <summary>Removes a generation from its document (under the lock); returns it when it still needs cancelling.</summary>
    private static Generation? Detach(DocumentCompletionState state, Generation generation)
    {
        if (ReferenceEquals(state.InFlight, generation))
        {
            state.InFlight = null;
        }

        return generation.Completion.IsCompleted ? null : generation;
    }

    /// <summary>
    /// Cancels a superseded generation, outside any lock: Cancel() can run the generation's continuations inline.
    /// </summary>
    private void Cancel(Generation? generation)
    {
        if (generation is not null)
        {
            counters.Superseded();
            generation.Cancellation.Cancel();
        }
    }

    public void Dispose()
    {
        foreach (var state in documents.Values)
        {
            state.InFlight?.Cancellation.Cancel();
        }

        cache.Dispose();
    }
}

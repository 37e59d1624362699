using System.Text;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Step 3 and what follows it for one generation: streams the candidates, post-processes, caches the texts, verifies
/// and ranks, and publishes the items as the document's suggestion on screen. Runs under the generation's own token.
/// </summary>
internal sealed class GenerationRunner
{
    private readonly ICompletionModel model;
    private readonly CandidateRanker ranker;
    private readonly InlineCompletionCounters counters;
    private readonly CompletionCache cache;
    private readonly TimeProvider time;

    public GenerationRunner(ICompletionModel model, CandidateRanker ranker, InlineCompletionCounters counters, CompletionCache cache, TimeProvider time)
    {
        this.model = model;
        this.ranker = ranker;
        this.counters = counters;
        this.cache = cache;
        this.time = time;
    }

    public async Task<IReadOnlyList<InlineCompletionItem>> RunAsync(
        Generation generation,
        DocumentCompletionState state,
        InlineCompletionPrompt prompt,
        CompletionDecision decision,
        Document document,
        CompletionOptions options)
    {
        // Yield first so the caller registers the generation before any of it runs.
        await Task.Yield();
        var cancellationToken = generation.Cancellation.Token;
        var started = time.GetTimestamp();
        generation.ModelStarted = started;
        var texts = new SortedDictionary<int, StringBuilder>();
        long chunks = 0;
        var cutByTimeLimit = false;
        counters.ModelCall();

        // The "before" side of verification does not depend on the model's answer: compute it while the model runs.
        var before = options.Verify
            ? Task.Run(() => CandidateVerifier.MemberErrorsAsync(document, generation.Position, cancellationToken), cancellationToken)
            : null;
        try
        {
            var request = prompt.Request;
            if (options.ConstrainIdentifiers
                && await IdentifierSites.CreateAsync(document, generation.Text, generation.Position, cancellationToken).ConfigureAwait(false) is { } identifiers)
            {
                request = request with { Identifiers = identifiers };
            }

            await foreach (var chunk in model.InfillAsync(request, cancellationToken).ConfigureAwait(false))
            {
                chunks++;
                if (!texts.TryGetValue(chunk.CandidateIndex, out var builder))
                {
                    texts[chunk.CandidateIndex] = builder = new StringBuilder();
                }

                builder.Append(chunk.Text);
                if (chunk.Usage is { } usage)
                {
                    counters.ModelUsage(usage.EvaluatedPromptTokens, usage.GeneratedTokens);
                    cutByTimeLimit |= usage.FinishReason == CompletionFinishReason.TimeLimit;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            generation.ModelEnded = time.GetTimestamp();
            counters.WastedTokens(chunks);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A provider failure (endpoint down, model unloaded) is not this keystroke's bug: no suggestion, nothing cached.
            generation.ModelEnded = time.GetTimestamp();
            counters.ModelFailure();
            return [];
        }

        generation.ModelEnded = time.GetTimestamp();
        counters.ModelFinished(time.GetElapsedTime(started, generation.ModelEnded).TotalMilliseconds);
        var around = CaretSurroundings.From(generation.Text, generation.Position);
        var candidates = texts.Values
            .Select(builder => CandidatePostProcessor.Process(builder.ToString(), decision, around))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (!cutByTimeLimit)
        {
            // A candidate cut by the time limit is partial: shown now, but never served again from the cache.
            cache.Candidates(prompt.Key, candidates);
        }

        var ranked = await ranker.RankAsync(document, generation.Position, candidates, InlineCompletionSource.Model, options, before, cancellationToken)
            .ConfigureAwait(false);
        var shown = new ShownSuggestion(generation.Text, generation.Position, ranked.Items);
        lock (state.Gate)
        {
            state.Shown = shown;
            if (ReferenceEquals(state.InFlight, generation))
            {
                state.InFlight = null;
            }
        }

        if (!cutByTimeLimit)
        {
            cache.Ranked(prompt.Key, candidates, ranked, state, shown);
        }

        return ranked.Items;
    }
}

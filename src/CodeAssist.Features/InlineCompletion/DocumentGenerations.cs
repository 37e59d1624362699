using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// The per-document state and the generations in flight: starting one (or attaching to an identical one), joining
/// it from a later keystroke, and superseding what the user moved away from. A generation belongs to its document,
/// never to the request that started it.
/// </summary>
internal sealed class DocumentGenerations(InlineCompletionCounters counters, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, DocumentCompletionState> documents = new(StringComparer.Ordinal);

    public DocumentCompletionState Get(string documentKey) => documents.GetOrAdd(documentKey, _ => new DocumentCompletionState());

    public IEnumerable<DocumentCompletionState> All => documents.Values;

    /// <summary>Forgets a closed document and stops its generation.</summary>
    public void Close(string documentKey)
    {
        if (documents.TryRemove(documentKey, out var state))
        {
            state.InFlight?.Cancellation.Cancel();
        }
    }

    /// <summary>The generation this keystroke can join, after cancelling one it can no longer use.</summary>
    public Generation? Joinable(DocumentCompletionState state, SourceText text, int position, bool wanted)
    {
        Generation? running;
        Generation? stale = null;
        lock (state.Gate)
        {
            running = state.InFlight;
            if (running is not null && (!wanted || !running.CanServe(text, position)))
            {
                stale = Detach(state, running);
                running = null;
            }
        }

        Cancel(stale);
        return running;
    }

    /// <summary>
    /// The caret rests at <paramref name="position"/> (the client's cursor report): stops every generation that cannot
    /// serve it, in this document and in the others. A generation outlives the request that started it so that the next
    /// keystroke can join it; once the user has moved elsewhere nobody will, and on a local model (one request at a
    /// time) it would run on for a second or two and hold off the prefill of the place the user is reading now.
    /// </summary>
    public void CaretRests(string documentKey, SourceText text, int position)
    {
        foreach (var (key, state) in documents)
        {
            Generation? stale = null;
            lock (state.Gate)
            {
                if (state.InFlight is { } running && (key != documentKey || !running.CanServe(text, position)))
                {
                    stale = Detach(state, running);
                }
            }

            Cancel(stale);
        }
    }

    /// <summary>
    /// Starts a generation for the prompt, or attaches to the identical one already running. A speculation (its
    /// <paramref name="speculatedAfter"/> is the document's request count at the acceptance) starts only while no
    /// request came since and nothing else runs: null then, and nothing is cancelled. The check is made under the
    /// document's lock because the speculation's Roslyn work may still be running when the user's next request
    /// starts its own generation, which the speculation must not cancel.
    /// </summary>
    public Generation? Start(
        string documentKey, DocumentCompletionState state, string promptKey, SourceText text, int position, Func<Generation, Task<IReadOnlyList<InlineCompletionItem>>> run,
        long? speculatedAfter = null)
    {
        Generation generation;
        Generation? stale = null;
        var startedNew = false;
        lock (state.Gate)
        {
            if (speculatedAfter is { } seen && (state.Requests != seen || state.InFlight is { Completion.IsCompleted: false }))
            {
                return null;
            }

            if (state.InFlight is { } other && other.PromptKey == promptKey && !other.Completion.IsCompleted)
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

                generation = new Generation(promptKey, text, position);
                generation.Completion = run(generation);
                state.InFlight = generation;
            }
        }

        Cancel(stale);
        if (startedNew)
        {
            CancelOtherDocuments(documentKey);
        }

        return generation;
    }

    /// <summary>
    /// Waits for <paramref name="generation"/> and answers this keystroke from it. Empty when a newer request superseded
    /// the generation; null when the user typed on at its caret and its answer does not start with what was typed (the
    /// caller then asks the model about the text as it is now, so that a pause never ends with nothing on screen).
    /// </summary>
    public async Task<InlineCompletionResult?> JoinAsync(
        DocumentCompletionState state, Generation generation, SourceText text, int position, RequestTiming timing, CancellationToken cancellationToken)
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
        if (TypingThrough.TryContinue(new ShownSuggestion(generation.Text, generation.Position, items), text, position) is not { } continued)
        {
            return null;
        }

        state.Shown = new ShownSuggestion(text, position, continued);
        return new InlineCompletionResult(continued);
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
    }
}

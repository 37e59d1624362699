using System.Collections.Concurrent;
using CodeAssist.Features.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.Caching.Memory;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// The exact cache, by prompt key. A check that ran past its budget keeps going; when it finishes, its items replace
/// the cache entry and, if the document's suggestion is still the one this request left, the suggestion on screen,
/// so the next keystroke (or the next request at the same caret) gets the checked result.
/// </summary>
internal sealed class CompletionCache : IDisposable
{
    private readonly MemoryCache cache;
    private readonly ConcurrentDictionary<Task, byte> lateChecks = new();

    public CompletionCache(int maxEntries)
    {
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, maxEntries) });
    }

    /// <summary>Completes when the late checks running now have published their results (tests wait on it).</summary>
    public Task LateChecks => Task.WhenAll(lateChecks.Keys);

    public CachedCompletion? Get(string key) => cache.TryGetValue(key, out CachedCompletion? entry) ? entry : null;

    public void Candidates(string key, IReadOnlyList<string> candidates) => Set(key, new CachedCompletion(candidates, null));

    /// <summary>
    /// Records a ranking whose items were published as <paramref name="shown"/> (already set on the state by the caller).
    /// </summary>
    public void Ranked(string key, IReadOnlyList<string> candidates, RankedItems ranked, DocumentCompletionState state, ShownSuggestion shown)
    {
        if (ranked.Final)
        {
            Set(key, new CachedCompletion(candidates, ranked.Items));
        }

        if (ranked.Late is not { } late)
        {
            return;
        }

        var publishing = late.ContinueWith(
            task =>
            {
                if (!task.IsCompletedSuccessfully)
                {
                    // Cancelled (superseded, closed) or failed: nothing is cached as checked, the next request checks again.
                    _ = task.Exception;
                    return;
                }

                Set(key, new CachedCompletion(candidates, task.Result.Items));
                lock (state.Gate)
                {
                    if (ReferenceEquals(state.Shown, shown))
                    {
                        state.Shown = shown with { Items = task.Result.Items };
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        lateChecks.TryAdd(publishing, 0);
        _ = publishing.ContinueWith(done => lateChecks.TryRemove(done, out _), TaskScheduler.Default);
    }

    private void Set(string key, CachedCompletion entry)
    {
        try
        {
            cache.Set(key, entry, new MemoryCacheEntryOptions { Size = 1 });
        }
        catch (ObjectDisposedException)
        {
            // A late check finishing after the service was disposed has nowhere to go.
        }
    }

    /// <summary>
    /// Answers from a cache hit: a settled ranking is reissued with fresh ids, bare candidates are checked and ranked now
    /// (and the ranking recorded); either way the items become the document's suggestion on screen.
    /// </summary>
    public async Task<InlineCompletionResult> ServeAsync(
        CandidateRanker ranker, DocumentCompletionState state, CachedCompletion cached, string key, Document document, SourceText text, int position, CompletionOptions settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<InlineCompletionItem> items;
        if (cached.Settled is { } settled)
        {
            items = ranker.Reissue(settled, position, InlineCompletionSource.Cache);
            state.Shown = new ShownSuggestion(text, position, items);
        }
        else
        {
            var ranked = await ranker.RankAsync(document, position, cached.Candidates, InlineCompletionSource.Cache, settings, before: null, cancellationToken)
                .ConfigureAwait(false);
            items = ranked.Items;
            var shown = new ShownSuggestion(text, position, items);
            state.Shown = shown;
            Ranked(key, cached.Candidates, ranked, state, shown);
        }

        return new InlineCompletionResult(items);
    }

    public void Dispose() => cache.Dispose();
}

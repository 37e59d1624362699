using System.Diagnostics;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// One replay position as an editor drives it: per key, apply the keystroke, cancel the request it supersedes and
/// send a new one, then wait 60-100 ms; after the last key the user pauses (a second by default) so that request may finish.
/// </summary>
internal static class KeystrokeLoop
{
    /// <param name="typeKey">Applies key number k (1-based) to the document.</param>
    /// <param name="request">Sends the request after key k; gets the jump timestamp (first key) and its token.</param>
    /// <param name="arrive">With a dwell: the user arrived at the position and reads before the first key.</param>
    /// <param name="accept">With a dwell: the user accepts a correct suggestion (Tab; the line is done) and reads on.</param>
    public static async Task RunAsync(
        int keys,
        ReplaySettings settings,
        Random random,
        Func<int, Task> typeKey,
        Func<int, long, CancellationToken, Task<KeystrokeOutcome>> request,
        List<KeystrokeOutcome> outcomes,
        List<double> cold,
        CancellationToken cancellationToken,
        Func<Task>? arrive = null,
        Func<KeystrokeOutcome, Task>? accept = null)
    {
        if (arrive is not null)
        {
            await arrive().ConfigureAwait(false);
        }

        var pending = new List<Task<KeystrokeOutcome>>();
        var sources = new List<CancellationTokenSource>();
        var jump = Stopwatch.GetTimestamp();
        CancellationTokenSource? previous = null;
        for (var key = 1; key <= keys; key++)
        {
            await typeKey(key).ConfigureAwait(false);
            if (previous is not null)
            {
                await previous.CancelAsync().ConfigureAwait(false);
            }

            var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            sources.Add(source);
            pending.Add(request(key, jump, source.Token));
            previous = source;
            await Task.Delay(random.Next(settings.MinKeyIntervalMs, settings.MaxKeyIntervalMs + 1), cancellationToken).ConfigureAwait(false);
            if (accept is not null && pending.FirstOrDefault(p => p.IsCompletedSuccessfully && p.Result.Correct && p.Result.ItemId is not null) is { } shown)
            {
                await accept(shown.Result).ConfigureAwait(false);
                break;
            }
        }

        await Task.Delay(settings.PauseAfterLastKeyMs, cancellationToken).ConfigureAwait(false);
        previous?.Cancel();
        var results = await Task.WhenAll(pending).ConfigureAwait(false);
        outcomes.AddRange(results);

        // Cold: from the jump (first keystroke at a new place) to the first suggestion there.
        if (results.FirstOrDefault(r => r.Suggested) is { } first)
        {
            cold.Add(first.SinceJumpMs);
        }

        sources.ForEach(source => source.Dispose());
    }
}

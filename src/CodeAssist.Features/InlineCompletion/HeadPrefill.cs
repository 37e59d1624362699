using System.Collections.Concurrent;
using CodeAssist.Llm;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Runs background prefills of stable prompt heads, one at a time, latest first: a cursor that moves on makes the
/// pending head for the old place pointless, and the running one too, so a new job also stops it (its finished chunks
/// stay in the model's cache). Each job waits a short debounce first (a remote server's warm-up is a
/// request; a cursor passing through a member should not send one). The model itself gives way to foreground
/// requests (see <see cref="ICompletionModel.PrefillAsync"/>); a pre-empted head is scheduled again by the next
/// request that needs it and resumes from the chunks already done.
/// </summary>
internal sealed class HeadPrefill(InlineCompletionCounters counters, TimeProvider time) : IDisposable
{
    internal static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);

    private const int MaxRemembered = 512;

    private readonly ConcurrentDictionary<string, byte> complete = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Func<CancellationToken, Task<(string Key, PrefillResult Result)?>>? pending;
    private Task worker = Task.CompletedTask;

    // The running job's stop, cancelled when a newer job replaces it.
    private CancellationTokenSource? runningJob;
    private bool unsupported;

    // True from the start of a worker until it finds nothing pending (under the gate), so no job is ever stranded.
    private bool running;

    /// <summary>Completes when no prefill is pending or running (tests and the benchmark wait on it).</summary>
    public Task Idle
    {
        get
        {
            lock (gate)
            {
                return worker;
            }
        }
    }

    public bool IsComplete(string key) => key.Length > 0 && complete.ContainsKey(key);

    /// <summary>
    /// Schedules <paramref name="job"/> only when no job is pending or running: every head job fills the project
    /// digest first, so the digest's own job must never replace one (a cursor report just before the project's
    /// warm-up would lose its head).
    /// </summary>
    public Task ScheduleIfIdle(Func<CancellationToken, Task<(string Key, PrefillResult Result)?>> job)
    {
        lock (gate)
        {
            return running || pending is not null ? worker : ScheduleLocked(job);
        }
    }

    /// <summary>
    /// Replaces the pending job and stops the running one; <paramref name="job"/> builds a head and prefills it, or
    /// returns null.
    /// </summary>
    /// <remarks>
    /// Without the stop, a head scheduled by the keystrokes at the old place (pre-empted by each of them, then resumed
    /// after the last) would go on after a jump and take the user's reading time at the new place: on the GGUF replay
    /// the first keys after the jumps then found nothing prefilled. The same member's job restarts cheaply: its head is
    /// kept per member, and the model resumes from the chunks it already decoded.
    /// </remarks>
    public Task Schedule(Func<CancellationToken, Task<(string Key, PrefillResult Result)?>> job)
    {
        CancellationTokenSource? superseded;
        Task scheduled;
        lock (gate)
        {
            superseded = runningJob;
            scheduled = ScheduleLocked(job);
        }

        try
        {
            // Outside the gate: cancelling runs the model's callbacks.
            superseded?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That job ended meanwhile.
        }

        return scheduled;
    }

    private Task ScheduleLocked(Func<CancellationToken, Task<(string Key, PrefillResult Result)?>> job)
    {
        if (unsupported || stopping.IsCancellationRequested)
        {
            return worker;
        }

        pending = job;
        if (!running)
        {
            running = true;
            worker = Task.Run(RunAsync);
        }

        return worker;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            Func<CancellationToken, Task<(string Key, PrefillResult Result)?>>? job;
            try
            {
                await Task.Delay(Debounce, time, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (gate)
                {
                    running = false;
                }

                return;
            }

            lock (gate)
            {
                job = pending;
                pending = null;
                if (job is null)
                {
                    running = false;
                    return;
                }
            }

            await RunOneAsync(job).ConfigureAwait(false);
        }
    }

    private async Task RunOneAsync(Func<CancellationToken, Task<(string Key, PrefillResult Result)?>> job)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        lock (gate)
        {
            runningJob = stop;
        }

        try
        {
            if (await job(stop.Token).ConfigureAwait(false) is var (key, result))
            {
                Record(key, result);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // Superseded by a newer job before the model could report what it kept: stopped by newer work all the same.
            counters.Prefilled(0, preempted: true);
        }
        catch (OperationCanceledException)
        {
            // Disposed, or the document went away.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A failed prefill (endpoint down, document without a tree) only means the next request is cold.
            counters.PrefillFailure();
        }
        finally
        {
            lock (gate)
            {
                runningJob = null;
            }

            stop.Dispose();
        }
    }

    /// <summary>What a prefill did; a job that fills more than one prefix (the project digest, then a head) records the first itself.</summary>
    public void Record(string key, PrefillResult result)
    {
        if (!result.Supported)
        {
            // The provider has no cache to fill: stop building heads for it.
            lock (gate)
            {
                unsupported = true;
            }

            return;
        }

        counters.Prefilled(result.PrefilledTokens, result.Preempted);
        if (result.Complete)
        {
            if (complete.Count >= MaxRemembered)
            {
                complete.Clear();
            }

            complete[key] = 0;
        }
    }

    public void Dispose() => stopping.Cancel();
}

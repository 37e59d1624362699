using System.Collections.Concurrent;
using CodeAssist.Llm;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Runs background prefills of stable prompt heads, one at a time, latest first: a cursor that moves on makes the
/// pending head for the old place pointless. Each job waits a short debounce first (a remote server's warm-up is a
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

    /// <summary>Replaces the pending job; <paramref name="job"/> builds a head and prefills it, or returns null.</summary>
    public Task Schedule(Func<CancellationToken, Task<(string Key, PrefillResult Result)?>> job)
    {
        lock (gate)
        {
            return ScheduleLocked(job);
        }
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
        try
        {
            if (await job(stopping.Token).ConfigureAwait(false) is var (key, result))
            {
                Record(key, result);
            }
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

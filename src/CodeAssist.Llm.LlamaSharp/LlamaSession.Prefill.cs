using CodeAssist.Llm;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Background prefill of a prompt head: the same KV cache, at the lowest priority. It decodes in chunks and stops
/// as soon as a foreground request waits (between chunks, or within a chunk through llama.cpp's abort callback), so
/// a request is delayed by one aborted graph at most. What was decoded stays: the cache is saved as a kept copy,
/// and the next prefill of the same head (or a request sharing it) starts from there.
/// </summary>
internal sealed partial class LlamaSession
{
    /// <summary>Tokens per background decode: small enough that a pre-emption between chunks is also quick.</summary>
    internal const int PrefillChunkTokens = 64;

    // A foreground prompt this long is kept before a prefill overwrites it (longer ones are kept by SwapSnapshot).
    private const int MinKeptForeground = 32;

    // Set (under the gate) while a background prefill decodes; a foreground request cancels it to take the context.
    private CancellationTokenSource? _background;
    private int _foregroundWaiting;

    /// <summary>Called before each background chunk (tests start a foreground request from here).</summary>
    internal Action<int>? BeforePrefillChunk { get; set; }

    /// <summary>Makes the cache hold <paramref name="head"/>, unless a foreground request comes first.</summary>
    public async Task<PrefillResult> PrefillAsync(IReadOnlyList<LLamaToken> head, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (head.Count == 0 || head.Count >= ContextSize)
        {
            return PrefillResult.Unsupported;
        }

        if (Volatile.Read(ref _foregroundWaiting) > 0)
        {
            return new PrefillResult(false, head.Count, 0, Preempted: true);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        await _gate.WaitAsync(stop.Token).ConfigureAwait(false);
        try
        {
            // Published with a full fence before reading the waiting count: a foreground request either sees it and
            // cancels it, or has already raised the count that the first chunk checks.
            Interlocked.Exchange(ref _background, stop);
            return await Task.Factory.StartNew(
                () => PrefillHead(head, stop.Token),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _background, null);
            _gate.Release();
        }
    }

    /// <summary>
    /// Registers a foreground request before it waits for the gate, and stops a background prefill; true when one was
    /// running (it holds the gate until it has stopped).
    /// </summary>
    private bool ForegroundArrives()
    {
        Interlocked.Increment(ref _foregroundWaiting);
        if (Volatile.Read(ref _background) is not { } background)
        {
            return false;
        }

        try
        {
            background.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The prefill ended between the read and the cancel: nothing to stop.
        }

        return true;
    }

    // What background work costs a foreground request: its wait for a prefill it stopped (issue #15's bound: one chunk,
    // 50 ms at p95). The newest waits only, for the benchmark's report.
    private const int MaxPreemptionWaits = 4096;
    private readonly Queue<TimeSpan> _preemptionWaits = new();

    private void RecordPreemptionWait(TimeSpan wait)
    {
        lock (_preemptionWaits)
        {
            if (_preemptionWaits.Count == MaxPreemptionWaits)
            {
                _preemptionWaits.Dequeue();
            }

            _preemptionWaits.Enqueue(wait);
        }
    }

    /// <summary>How long each foreground request that stopped a background prefill waited for the context.</summary>
    internal IReadOnlyList<TimeSpan> PreemptionWaits
    {
        get
        {
            lock (_preemptionWaits)
            {
                return [.. _preemptionWaits];
            }
        }
    }

    private void ForegroundEntered() => Interlocked.Decrement(ref _foregroundWaiting);

    private PrefillResult PrefillHead(IReadOnlyList<LLamaToken> head, CancellationToken cancellationToken)
    {
        int common = KvSnapshots.CommonPrefix(_cached, head);
        if (common >= head.Count)
        {
            return new PrefillResult(true, head.Count, 0, false);
        }

        // What the cache holds now is the last foreground prompt, likely needed by the next keystroke: keep it even
        // when it is short, then resume from a kept copy of this head (an earlier, pre-empted prefill) if there is one.
        if (_cached.Count - common >= MinKeptForeground && _cached.Count < MinSnapshotTokens)
        {
            _snapshots.Save([.. _cached], _context.GetState(s_sequence));
        }

        common = SwapSnapshot(head, common, minGain: 0);
        Truncate(common);
        int before = _cached.Count;
        bool preempted = false;
        _abort.Token = cancellationToken;
        try
        {
            for (int start = common; start < head.Count; start += PrefillChunkTokens)
            {
                if (Volatile.Read(ref _foregroundWaiting) > 0 || cancellationToken.IsCancellationRequested)
                {
                    preempted = true;
                    break;
                }

                int end = Math.Min(start + PrefillChunkTokens, head.Count);
                _batch.Clear();
                for (int i = start; i < end; i++)
                {
                    _batch.Add(head[i], i, s_sequence, false);
                }

                long chunkStarted = _time.GetTimestamp();
                BeforePrefillChunk?.Invoke(start);
                Decode(head, start, end, cancellationToken);

                // A whole chunk is a clean sample of the prompt speed (an aborted one throws above and is not counted).
                // Foreground requests at a prefilled caret evaluate a token or two, too few to measure, so without
                // these samples the estimate that sizes heads and cold prompts would stay at its first values.
                _throughput.Observe(end - start, _time.GetElapsedTime(chunkStarted), 0, TimeSpan.Zero);
            }
        }
        catch (OperationCanceledException)
        {
            // Aborted inside a chunk: Decode kept the micro-batches llama.cpp finished.
            preempted = true;
        }
        finally
        {
            _abort.Token = default;
        }

        int prefilled = _cached.Count - before;
        BackgroundPrefilledTokens += prefilled;
        if (_cached.Count >= MinSnapshotTokens / 2)
        {
            // The next request may be elsewhere: keep this head so coming back (or resuming) restores it.
            _snapshots.Save([.. _cached], _context.GetState(s_sequence));
        }

        return new PrefillResult(!preempted && _cached.Count >= head.Count, head.Count, prefilled, preempted);
    }

    /// <summary>Foreground requests waiting for the context now.</summary>
    internal int ForegroundWaiting => Volatile.Read(ref _foregroundWaiting);

    /// <summary>Tokens decoded by background prefills so far.</summary>
    internal long BackgroundPrefilledTokens { get; private set; }
}

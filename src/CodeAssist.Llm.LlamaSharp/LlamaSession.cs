using CodeAssist.Llm;
using LLama;
using LLama.Native;
using LLama.Sampling;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// The one live llama.cpp context of a loaded model, shared by infill, raw completion and chat.
/// Requests run one at a time (a semaphore) because they all write sequence 0 of the same KV cache.
/// Between requests the cache keeps the tokens of the last prompt and its output (<see cref="_cached"/>):
/// a new prompt re-evaluates only what follows the longest common prefix.
/// </summary>
internal sealed class LlamaSession : IDisposable
{
    private const int CalibrationTokens = 4;

    // Snapshots are worth their copy only for long prompts and only when they save a real prefill.
    private const int MinSnapshotTokens = 256;
    private const int MinSnapshotGain = 128;
    private const long SnapshotBytes = 256L << 20;
    private const int SnapshotCount = 8;
    private static readonly LLamaSeqId s_sequence = LLamaSeqId.Zero;
    private readonly LLamaContext _context;
    private readonly SafeLlamaModelHandle.Vocabulary _vocab;
    private readonly AbortSignal _abort;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private volatile bool _disposed;
    private readonly LLamaBatch _batch = new();
    private readonly TimeProvider _time;
    private readonly int _batchSize;

    private readonly ThroughputMeter _throughput = new();
    private readonly KvSnapshots _snapshots = new(SnapshotBytes, SnapshotCount);
    private int _running;
    private int _maxRunning;

    // Invariant: _cached[i] is the token whose keys and values sit at position i of sequence 0, for every i.
    private readonly List<LLamaToken> _cached = [];

    public LlamaSession(LLamaContext context, TimeProvider time)
    {
        _context = context;
        _vocab = context.Vocab;
        _time = time;
        _batchSize = (int)context.BatchSize;
        _abort = new AbortSignal(context.NativeHandle);
    }

    public int ContextSize => (int)_context.ContextSize;

    /// <summary>Called just before each prompt batch is decoded (tests cancel from here to hit a running decode).</summary>
    internal Action? BeforePromptDecode { get; set; }

    /// <summary>Called after each generated token with the count so far (tests cancel or move time from here).</summary>
    internal Action<int>? AfterToken { get; set; }

    /// <summary>Measured prompt and generation speed, or null before the first measurable request.</summary>
    public ModelThroughput? Throughput => _throughput.Current;

    /// <summary>Usage of the last request, including a cancelled one.</summary>
    internal CompletionUsage? LastUsage { get; private set; }

    internal long AbortPolls => _abort.Polls;

    internal int CachedTokenCount => _cached.Count;

    /// <summary>Prompts started from a kept KV copy instead of being evaluated again.</summary>
    internal int SnapshotRestores { get; private set; }

    internal int SnapshotCountKept => _snapshots.Count;

    /// <summary>Whether Dispose freed the context (the weights may only be freed after it).</summary>
    internal bool NativeReleased { get; private set; }

    /// <summary>The most requests ever inside the decode loop at once; the gate keeps it at 1.</summary>
    internal int MaxConcurrentRuns => Volatile.Read(ref _maxRunning);

    /// <summary>
    /// Runs one request after those already queued; <paramref name="onText"/> receives text as it is generated.
    /// Throws <see cref="OperationCanceledException"/> when cancelled, after llama.cpp has stopped.
    /// </summary>
    public async Task<CompletionUsage> RunAsync(GenerationRequest request, Action<string> onText, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        await _gate.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await Task.Factory.StartNew(
                () => Run(request, onText, linked.Token),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Measures the speed once at load with a short prompt (which also pages the memory-mapped weights in), so that
    /// the first real request is already sized to it. The cache is emptied afterwards.
    /// </summary>
    public async Task CalibrateAsync(IReadOnlyList<LLamaToken> prompt, CancellationToken cancellationToken)
    {
        if (prompt.Count == 0 || prompt.Count + CalibrationTokens >= ContextSize)
        {
            return;
        }

        var request = new GenerationRequest(prompt, CalibrationTokens, [], 0f, 1, TimeSpan.FromSeconds(10));
        await RunAsync(request, static _ => { }, cancellationToken).ConfigureAwait(false);
        await ClearCacheAsync().ConfigureAwait(false);
    }

    /// <summary>Forgets the cached prompt and the kept copies (the benchmark's "no reuse" baseline).</summary>
    internal async Task ClearCacheAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Truncate(0);
            _snapshots.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _disposing.Cancel();

        // A running request stops within one token or one aborted decode; native memory is freed only after it,
        // and leaked rather than freed under a decode that does not stop.
        if (_gate.Wait(TimeSpan.FromSeconds(30)))
        {
            _snapshots.Dispose();
            _context.Dispose();
            _abort.Dispose();
            NativeReleased = true;
        }

        _disposing.Dispose();
    }

    private CompletionUsage Run(GenerationRequest request, Action<string> onText, CancellationToken cancellationToken)
    {
        IReadOnlyList<LLamaToken> prompt = request.Prompt;
        if (prompt.Count == 0 || prompt.Count >= ContextSize)
        {
            throw new ArgumentException($"The prompt has {prompt.Count} tokens; it must have between 1 and {ContextSize - 1}.", nameof(request));
        }

        int evaluated = 0;
        int generated = 0;
        int running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        _abort.Token = cancellationToken;
        try
        {
            long started = _time.GetTimestamp();
            evaluated = Prefill(prompt, cancellationToken);
            long prefilled = _time.GetTimestamp();
            CompletionFinishReason reason = Generate(request, onText, ref generated, cancellationToken);
            TimeSpan promptTime = _time.GetElapsedTime(started, prefilled);
            TimeSpan generationTime = _time.GetElapsedTime(prefilled);
            _throughput.Observe(evaluated, promptTime, generated, generationTime);
            return LastUsage = new CompletionUsage(prompt.Count, evaluated, generated, reason) { PromptTime = promptTime, GenerationTime = generationTime };
        }
        catch (OperationCanceledException)
        {
            LastUsage = new CompletionUsage(prompt.Count, evaluated, generated, CompletionFinishReason.Cancelled);
            throw;
        }
        finally
        {
            _abort.Token = default;
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>Makes the cache hold exactly the prompt; returns how many prompt tokens were evaluated.</summary>
    private int Prefill(IReadOnlyList<LLamaToken> prompt, CancellationToken cancellationToken)
    {
        int common = KvSnapshots.CommonPrefix(_cached, prompt);
        if (prompt.Count - common >= MinSnapshotGain)
        {
            common = SwapSnapshot(prompt, common);
        }

        // The logits of the last prompt token are needed to sample, so it is always decoded again.
        common = Math.Min(common, prompt.Count - 1);
        Truncate(common);
        for (int start = common; start < prompt.Count; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int end = Math.Min(start + _batchSize, prompt.Count);
            _batch.Clear();
            for (int i = start; i < end; i++)
            {
                _batch.Add(prompt[i], i, s_sequence, i == prompt.Count - 1);
            }

            BeforePromptDecode?.Invoke();
            Decode(prompt, start, end, cancellationToken);
        }

        return prompt.Count - common;
    }

    /// <summary>
    /// Most of the prompt would be evaluated: keep what the cache holds now for a later return, and start from a kept
    /// copy instead when one shares more of this prompt. Returns the tokens now reusable.
    /// </summary>
    private int SwapSnapshot(IReadOnlyList<LLamaToken> prompt, int common)
    {
        KvSnapshots.Snapshot? best = _snapshots.FindBest(prompt, common + MinSnapshotGain);
        if (_cached.Count - common >= MinSnapshotGain && _cached.Count >= MinSnapshotTokens)
        {
            _snapshots.Save([.. _cached], _context.GetState(s_sequence));
        }

        if (best is null)
        {
            return common;
        }

        _context.LoadState(best.State, s_sequence);
        _cached.Clear();
        _cached.AddRange(best.Tokens);
        SnapshotRestores++;
        return KvSnapshots.CommonPrefix(_cached, prompt);
    }

    private CompletionFinishReason Generate(GenerationRequest request, Action<string> onText, ref int generated, CancellationToken cancellationToken)
    {
        using ISamplingPipeline sampler = request.Temperature <= 0
            ? new GreedySamplingPipeline()
            : new DefaultSamplingPipeline { Temperature = request.Temperature, Seed = request.Seed };
        var decoder = new Utf8TokenDecoder();
        var stops = new StopSequenceFilter(request.StopSequences);
        long started = _time.GetTimestamp();
        int logitsIndex = _batch.TokenCount - 1;
        CompletionFinishReason reason = CompletionFinishReason.Length;
        var piece = new byte[256];
        while (generated < request.MaxTokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (request.TimeLimit is { } limit && _time.GetElapsedTime(started) >= limit)
            {
                reason = CompletionFinishReason.TimeLimit;
                break;
            }

            LLamaToken token = sampler.Sample(_context.NativeHandle, logitsIndex);
            if (token.IsEndOfGeneration(_vocab) || request.StopTokens.Contains(token))
            {
                reason = CompletionFinishReason.Stop;
                break;
            }

            generated++;
            AfterToken?.Invoke(generated);
            int length = TokenBytes(token, ref piece);
            string text = stops.Append(decoder.Append(piece.AsSpan(0, length)));
            if (text.Length > 0)
            {
                onText(text);
            }

            if (stops.Stopped)
            {
                reason = CompletionFinishReason.Stop;
                break;
            }

            // Only decode the token when another one will be sampled after it, and while the context has room.
            if (generated >= request.MaxTokens || _cached.Count + 1 >= ContextSize)
            {
                break;
            }

            _batch.Clear();
            _batch.Add(token, _cached.Count, s_sequence, true);
            Decode([token], 0, 1, cancellationToken);
            logitsIndex = 0;
        }

        string rest = stops.Stopped ? "" : stops.Append(decoder.Flush()) + stops.Flush();
        if (rest.Length > 0)
        {
            onText(rest);
        }

        return reason;
    }

    private void Decode(IReadOnlyList<LLamaToken> tokens, int start, int end, CancellationToken cancellationToken)
    {
        DecodeResult result = _context.NativeHandle.Decode(_batch);
        if (result == DecodeResult.Ok)
        {
            for (int i = start; i < end; i++)
            {
                _cached.Add(tokens[i]);
            }

            return;
        }

        // An aborted decode keeps the micro-batches it finished; resynchronise with what the cache really holds.
        int kept = Math.Clamp((int)_context.NativeHandle.MemorySequenceMaxPosition(s_sequence) + 1, _cached.Count, _cached.Count + (end - start));
        for (int i = start; _cached.Count < kept; i++)
        {
            _cached.Add(tokens[i]);
        }

        Truncate(kept);
        if (result == DecodeResult.ComputeAborted || cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("Generation was cancelled during a decode.", cancellationToken);
        }

        throw new InvalidOperationException($"llama.cpp could not decode the batch ({result}).");
    }

    private void Truncate(int count)
    {
        _context.NativeHandle.MemorySequenceRemove(s_sequence, count, -1);
        if (_cached.Count > count)
        {
            _cached.RemoveRange(count, _cached.Count - count);
        }
    }

    private int TokenBytes(LLamaToken token, ref byte[] buffer)
    {
        int length = (int)_context.NativeHandle.ModelHandle.TokenToSpan(token, buffer, 0, false);
        if (length > buffer.Length)
        {
            buffer = new byte[length];
            length = (int)_context.NativeHandle.ModelHandle.TokenToSpan(token, buffer, 0, false);
        }

        return length;
    }
}

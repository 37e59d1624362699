using CodeAssist.Llm;
using LLama;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// The one live llama.cpp context of a loaded model, shared by infill, raw completion and chat.
/// Requests run one at a time (a semaphore) because they all write sequence 0 of the same KV cache.
/// Between requests the cache keeps the tokens of the last prompt and its output (<see cref="_cached"/>):
/// a new prompt re-evaluates only what follows the longest common prefix.
/// </summary>
internal sealed partial class LlamaSession : IDisposable
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
        long arrived = _time.GetTimestamp();
        bool displacedPrefill = ForegroundArrives();
        try
        {
            await _gate.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        finally
        {
            ForegroundEntered();
        }

        if (displacedPrefill)
        {
            RecordPreemptionWait(_time.GetElapsedTime(arrived));
        }

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

        // A running request stops within one token or one aborted decode, the vocabulary indexing within one token;
        // native memory is freed only after them, and leaked rather than freed under work that does not stop.
        Task indexing = _vocabularyBuild ?? Task.CompletedTask;
        if (_gate.Wait(TimeSpan.FromSeconds(30)) && ((IAsyncResult)indexing).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)))
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
            CompletionFinishReason reason = Generate(request, onText, ref generated, out GuidedSampling? guided, cancellationToken);
            TimeSpan promptTime = _time.GetElapsedTime(started, prefilled);
            TimeSpan generationTime = _time.GetElapsedTime(prefilled);
            _throughput.Observe(evaluated, promptTime, generated, generationTime);
            return LastUsage = new CompletionUsage(prompt.Count, evaluated, generated, reason)
            {
                PromptTime = promptTime,
                GenerationTime = generationTime,
                ConstrainedReplacements = guided?.Guide.Replaced ?? 0,
                ConstraintTokenTimes = guided?.Times ?? [],
            };
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
}

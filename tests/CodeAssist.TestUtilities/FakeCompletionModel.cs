using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CodeAssist.Llm;

namespace CodeAssist.TestUtilities;

/// <summary>
/// A scripted <see cref="ICompletionModel"/>: <c>respond</c> returns the candidates for a request, which are streamed
/// a few characters per chunk. Optional latency and a gate make in-flight and cancellation behaviour observable.
/// </summary>
public sealed class FakeCompletionModel : ICompletionModel
{
    private readonly Func<InfillRequest, IReadOnlyList<string>> respond;
    private readonly ConcurrentQueue<InfillRequest> requests = new();
    private readonly ConcurrentQueue<InfillRequest> prefills = new();
    private readonly ConcurrentQueue<InfillRequest> promptPrefills = new();
    private int promptPrefillCalls;
    private TaskCompletionSource foregroundCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int calls;
    private int cancelledCalls;

    public FakeCompletionModel(Func<InfillRequest, IReadOnlyList<string>> respond, ModelInfo? info = null)
    {
        this.respond = respond;
        Info = info ?? new ModelInfo("fake-model", "fake", 4096, SupportsFim: true, "qwen2.5-coder", null);
    }

    /// <summary>A model that always answers <paramref name="candidates"/>.</summary>
    public FakeCompletionModel(params string[] candidates)
        : this(_ => candidates)
    {
    }

    public ModelInfo Info { get; }

    /// <summary>The speed the model reports; null (unknown) by default, like most remote models.</summary>
    public ModelThroughput? Throughput { get; set; }

    /// <summary>Delay before the first chunk; cancellation interrupts it like a real prefill.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>When set, every generation waits for it before streaming (cancellation still interrupts the wait).</summary>
    public Task? Gate { get; set; }

    /// <summary>Completes when a call starts; tests await it to know a generation is in flight.</summary>
    public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<InfillRequest> Requests => requests;

    public int Calls => Volatile.Read(ref calls);

    /// <summary>Calls whose token was cancelled while they ran.</summary>
    public int CancelledCalls => Volatile.Read(ref cancelledCalls);

    public int CountTokens(string text) => (text.Length + 3) / 4;

    /// <summary>
    /// True: the model has a prompt cache; a prefill is recorded in <see cref="Prefills"/> and completes the whole head.
    /// False (the default): prefill is unsupported, like a provider without a cache.
    /// </summary>
    public bool SupportsPrefill { get; set; }

    /// <summary>The next this many prefills run until an infill call starts, then report themselves pre-empted.</summary>
    public int PrefillsToPreempt { get; set; }

    public bool CanPrefill => SupportsPrefill;

    public IReadOnlyCollection<InfillRequest> Prefills => prefills;

    public async Task<PrefillResult> PrefillAsync(InfillRequest head, CancellationToken cancellationToken)
    {
        if (!SupportsPrefill)
        {
            return PrefillResult.Unsupported;
        }

        prefills.Enqueue(head);
        var tokens = Math.Max(1, CountTokens(head.Prefix) + head.ExtraContext.Sum(snippet => CountTokens(snippet.Text)));
        if (PrefillsToPreempt <= 0)
        {
            return new PrefillResult(true, tokens, tokens, false);
        }

        PrefillsToPreempt--;
        await foregroundCall.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new PrefillResult(false, tokens, tokens / 2, Preempted: true);
    }

    /// <summary>Whole prompts prefilled at a resting caret (recorded when <see cref="SupportsPrefill"/>; they always complete).</summary>
    public IReadOnlyCollection<InfillRequest> PromptPrefills => promptPrefills;

    /// <summary>Calls to <see cref="PrefillPromptAsync"/>, supported or not.</summary>
    public int PromptPrefillCalls => Volatile.Read(ref promptPrefillCalls);

    public Task<PrefillResult> PrefillPromptAsync(InfillRequest prompt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref promptPrefillCalls);
        if (!SupportsPrefill)
        {
            return Task.FromResult(PrefillResult.Unsupported);
        }

        promptPrefills.Enqueue(prompt);
        var tokens = Math.Max(1, CountTokens(prompt.Prefix) + CountTokens(prompt.Suffix) + prompt.ExtraContext.Sum(snippet => CountTokens(snippet.Text)));
        return Task.FromResult(new PrefillResult(true, tokens, tokens, false));
    }

    public async IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        requests.Enqueue(request);
        Interlocked.Increment(ref calls);
        Interlocked.Exchange(ref foregroundCall, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        var started = Started;
        Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        started.TrySetResult();
        // Waits observe cancellation through a task whose continuations run asynchronously: a waiter resumed inline
        // inside Cancel() would dispose this registration before its callback counted the cancellation.
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(() =>
        {
            Interlocked.Increment(ref cancelledCalls);
            cancelled.TrySetResult();
        });
        if (Gate is { } gate)
        {
            await Task.WhenAny(gate, cancelled.Task).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.WhenAny(Task.Delay(Latency, CancellationToken.None), cancelled.Task).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var candidates = respond(request);
        for (var index = 0; index < candidates.Count; index++)
        {
            var text = candidates[index];
            for (var offset = 0; offset < text.Length; offset += 4)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return new CompletionChunk(index, text.Substring(offset, Math.Min(4, text.Length - offset)));
            }

            var usage = new CompletionUsage(CountTokens(request.Prefix + request.Suffix), CountTokens(request.Prefix + request.Suffix), CountTokens(text), CompletionFinishReason.Stop);
            yield return new CompletionChunk(index, "", usage);
        }
    }

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The fake completion model only scripts infill.");
}

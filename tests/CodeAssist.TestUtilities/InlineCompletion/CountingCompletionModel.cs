using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CodeAssist.Llm;

namespace CodeAssist.TestUtilities.InlineCompletion;

/// <summary>Wraps a real completion model and counts its calls and the calls that ended in cancellation.</summary>
public sealed class CountingCompletionModel(ICompletionModel inner) : ICompletionModel
{
    private int calls;
    private int cancelledCalls;

    public ModelInfo Info => inner.Info;

    public ModelThroughput? Throughput => inner.Throughput;

    /// <summary>The usage reported by each call that finished, in order.</summary>
    public ConcurrentQueue<CompletionUsage> Usages { get; } = new();

    public int Calls => Volatile.Read(ref calls);

    public int CancelledCalls => Volatile.Read(ref cancelledCalls);

    /// <summary>Completes when the next call starts.</summary>
    public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int CountTokens(string text) => inner.CountTokens(text);

    public async IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        var started = Started;
        Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        started.TrySetResult();
        var enumerator = inner.InfillAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelledCalls);
                    throw;
                }

                if (!more)
                {
                    yield break;
                }

                if (enumerator.Current.Usage is { } usage)
                {
                    Usages.Enqueue(usage);
                }

                yield return enumerator.Current;
            }
        }
    }

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken) =>
        inner.CompleteAsync(request, cancellationToken);
}

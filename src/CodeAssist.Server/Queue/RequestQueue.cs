using System.Collections.Concurrent;
using System.Threading.Channels;
using CodeAssist.Server.Logging;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Queue;

/// <summary>
/// Orders method calls in the spirit of Roslyn's RequestExecutionQueue.
/// **Invariants**: items leave the queue in arrival order; a mutating item runs alone and the next item is not
/// dequeued until it finishes, so every state change is serial; a read captures its context when it is dequeued
/// (after all earlier mutations) and then runs concurrently with later items; a mutation that targets a document
/// first cancels the reads still running on that document, whose snapshot it is about to make stale.
/// </summary>
public sealed class RequestQueue<TContext> : IAsyncDisposable
{
    private readonly Channel<QueueItem<TContext>> _channel =
        Channel.CreateUnbounded<QueueItem<TContext>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ConcurrentDictionary<QueueItem<TContext>, CancellationTokenSource> _runningReads = new();
    private readonly Func<QueueItem<TContext>, TContext> _captureContext;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public RequestQueue(Func<QueueItem<TContext>, TContext> captureContext, ILogger logger)
    {
        _captureContext = captureContext;
        _logger = logger;
        _loop = Task.Run(ProcessAsync);
    }

    /// <summary>Enqueues synchronously (so callers keep arrival order) and returns the item's result.</summary>
    public Task<object?> EnqueueAsync(QueueItem<TContext> item)
    {
        if (!_channel.Writer.TryWrite(item))
        {
            item.Cancel();
        }

        return item.Completion;
    }

    public int RunningReadCount => _runningReads.Count;

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var running in _runningReads.Values)
        {
            await running.CancelAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task ProcessAsync()
    {
        await foreach (var item in _channel.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
        {
            if (item.RequestCancellation.IsCancellationRequested)
            {
                item.Cancel();
                continue;
            }

            if (item.MutatesState)
            {
                await RunMutationAsync(item).ConfigureAwait(false);
            }
            else
            {
                StartRead(item);
            }
        }
    }

    private async Task RunMutationAsync(QueueItem<TContext> item)
    {
        if (item.DocumentUri is not null)
        {
            CancelReadsOf(item.DocumentUri);
        }

        if (TryCaptureContext(item, out var context))
        {
            // Mutations are not cancellable by the client: half an edit would corrupt the document store.
            item.Complete(await RunSettledAsync(item, context, _stopping.Token).ConfigureAwait(false));
        }
    }

    private void StartRead(QueueItem<TContext> item)
    {
        if (!TryCaptureContext(item, out var context))
        {
            return;
        }

        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(item.RequestCancellation, _stopping.Token);
        _runningReads[item] = cancellation;

        // Answer the client as soon as the read is cancelled, even if the handler is slow to notice its token.
        cancellation.Token.Register(static state => ((QueueItem<TContext>)state!).Cancel(), item);
        _ = Task.Run(async () =>
        {
            Task<object?> run;
            try
            {
                run = await RunSettledAsync(item, context, cancellation.Token).ConfigureAwait(false);
            }
            finally
            {
                _runningReads.TryRemove(item, out _);
                cancellation.Dispose();
            }

            item.Complete(run);
        });
    }

    /// <summary>Captures the request's context at dequeue; a failure fails (and completes) only that request.</summary>
    private bool TryCaptureContext(QueueItem<TContext> item, out TContext context)
    {
        try
        {
            context = _captureContext(item);
            return true;
        }
        catch (Exception exception)
        {
            ServerLog.HandlerFailed(_logger, item.Method, exception);
            item.Complete(Task.FromException<object?>(exception));
            context = default!;
            return false;
        }
    }

    /// <summary>
    /// Runs the handler and returns its outcome as a finished task that never throws when awaited by the queue: a
    /// failure is logged and kept as the task's exception, a cancellation becomes a cancelled task.
    /// </summary>
    private async Task<Task<object?>> RunSettledAsync(QueueItem<TContext> item, TContext context, CancellationToken cancellationToken)
    {
        try
        {
            var run = item.Run(context, cancellationToken);
            await run.ConfigureAwait(false);
            return run;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ServerLog.HandlerFailed(_logger, item.Method, exception);
            return Task.FromException<object?>(exception);
        }
        catch (OperationCanceledException)
        {
            return Task.FromCanceled<object?>(new CancellationToken(canceled: true));
        }
    }

    private void CancelReadsOf(string documentUri)
    {
        foreach (var (item, cancellation) in _runningReads)
        {
            if (item.DocumentUri == documentUri)
            {
                ServerLog.ReadCancelledByChange(_logger, item.Method, documentUri);
                try
                {
                    cancellation.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The read finished between the lookup and the cancel.
                }
            }
        }
    }
}

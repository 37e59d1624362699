namespace CodeAssist.Server.Queue;

/// <summary>One queued method call and the completion its caller awaits.</summary>
public sealed class QueueItem<TContext>
{
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public QueueItem(
        string method,
        bool mutatesState,
        string? documentUri,
        Func<TContext, CancellationToken, Task<object?>> run,
        CancellationToken requestCancellation)
    {
        Method = method;
        MutatesState = mutatesState;
        DocumentUri = documentUri;
        Run = run;
        RequestCancellation = requestCancellation;
    }

    public string Method { get; }

    public bool MutatesState { get; }

    public string? DocumentUri { get; }

    public Func<TContext, CancellationToken, Task<object?>> Run { get; }

    /// <summary>Cancelled by the client's $/cancelRequest (StreamJsonRpc wires it).</summary>
    public CancellationToken RequestCancellation { get; }

    public Task<object?> Completion => _completion.Task;

    internal void Complete(Task<object?> run)
    {
        if (run.IsCanceled)
        {
            _completion.TrySetCanceled();
        }
        else if (run.IsFaulted)
        {
            var exception = run.Exception!.InnerException!;
            if (exception is OperationCanceledException)
            {
                _completion.TrySetCanceled();
            }
            else
            {
                _completion.TrySetException(exception);
            }
        }
        else
        {
            _completion.TrySetResult(run.Result);
        }
    }

    internal void Cancel() => _completion.TrySetCanceled();
}

namespace CodeAssist.Server.Handlers;

/// <summary>A request: the client waits for <typeparamref name="TResult"/> (null is a valid LSP result for most methods).</summary>
public abstract class RequestHandler<TParams, TResult> : MethodHandlerBase<TParams>
    where TParams : class
{
    public sealed override bool IsNotification => false;

    public abstract Task<TResult> HandleAsync(TParams request, RequestContext context, CancellationToken cancellationToken);

    public sealed override async Task<object?> InvokeAsync(object parameters, RequestContext context, CancellationToken cancellationToken) =>
        await HandleAsync((TParams)parameters, context, cancellationToken).ConfigureAwait(false);
}

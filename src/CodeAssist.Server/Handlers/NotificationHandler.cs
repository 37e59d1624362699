namespace CodeAssist.Server.Handlers;

/// <summary>A notification: no response; bad input is logged and ignored.</summary>
public abstract class NotificationHandler<TParams> : MethodHandlerBase<TParams>
    where TParams : class
{
    public sealed override bool IsNotification => true;

    public abstract Task HandleAsync(TParams notification, RequestContext context, CancellationToken cancellationToken);

    public sealed override async Task<object?> InvokeAsync(object parameters, RequestContext context, CancellationToken cancellationToken)
    {
        await HandleAsync((TParams)parameters, context, cancellationToken).ConfigureAwait(false);
        return null;
    }
}

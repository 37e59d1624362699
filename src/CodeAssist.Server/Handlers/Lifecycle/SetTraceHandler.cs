using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.Lifecycle;

/// <summary>$/setTrace: whether the server sends $/logTrace (off | messages | verbose).</summary>
internal sealed class SetTraceHandler(ServerState state) : NotificationHandler<SetTraceParams>
{
    public override string Method => "$/setTrace";

    // Serial, so requests sent after it are traced.
    public override bool MutatesState => true;

    public override Task HandleAsync(SetTraceParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        state.Trace = notification.Value is "messages" or "verbose" ? notification.Value : "off";
        return Task.CompletedTask;
    }
}

namespace CodeAssist.Server.Handlers.Lifecycle;

/// <summary>
/// exit: ends the process, with code 0 after shutdown and 1 without. The transport runs it at once, outside the
/// queue, so a stuck request can never keep the server alive.
/// </summary>
internal sealed class ExitHandler(ServerState state) : NotificationHandler<NoParams>
{
    public override string Method => "exit";

    public override Task HandleAsync(NoParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        state.RequestExit();
        return Task.CompletedTask;
    }
}

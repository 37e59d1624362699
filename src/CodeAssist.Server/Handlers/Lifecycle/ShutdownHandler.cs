namespace CodeAssist.Server.Handlers.Lifecycle;

/// <summary>
/// shutdown: the transport already refuses new requests (InvalidRequest) from the moment it arrives; running it as a
/// mutation means it answers only after the document changes queued before it.
/// </summary>
internal sealed class ShutdownHandler : RequestHandler<NoParams, object?>
{
    public override string Method => "shutdown";

    public override bool MutatesState => true;

    public override Task<object?> HandleAsync(NoParams request, RequestContext context, CancellationToken cancellationToken) =>
        Task.FromResult<object?>(null);
}

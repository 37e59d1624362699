using CodeAssist.Server.Configuration;
using CodeAssist.Server.Status;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Trust;

/// <summary>
/// codeAssist/didChangeTrust: the client says the user trusted (or no longer trusts) the workspace folder, so its
/// .codeassist.json and prompt templates are read again under the new trust.
/// </summary>
internal sealed class DidChangeTrustHandler(ServerOptions options, StatusPublisher status, ILogger<DidChangeTrustHandler> logger)
    : NotificationHandler<DidChangeTrustParams>
{
    public override string Method => "codeAssist/didChangeTrust";

    public override bool MutatesState => true;

    public override async Task HandleAsync(DidChangeTrustParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var problems = options.SetWorkspaceTrust(notification.Trusted);
        await ConfigurationProblems.ReportAsync(problems, context.Client, logger).ConfigureAwait(false);
        await status.RefreshAsync().ConfigureAwait(false);
    }
}

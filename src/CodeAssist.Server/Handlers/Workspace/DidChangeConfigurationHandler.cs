using CodeAssist.Server.Configuration;
using CodeAssist.Server.Protocol;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Workspace;

/// <summary>workspace/didChangeConfiguration: the editor's settings replace the editor layer of the options.</summary>
internal sealed class DidChangeConfigurationHandler(ServerOptions options, ILogger<DidChangeConfigurationHandler> logger)
    : NotificationHandler<DidChangeConfigurationParams>
{
    public override string Method => "workspace/didChangeConfiguration";

    public override bool MutatesState => true;

    public override async Task HandleAsync(
        DidChangeConfigurationParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        // A null settings object is the pull model's "something changed"; we take settings pushed only, for now.
        if (notification.Settings is not { } settings || settings.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return;
        }

        var problems = options.ApplyEditorSettings(settings);
        await ConfigurationProblems.ReportAsync(problems, context.Client, logger).ConfigureAwait(false);
    }
}

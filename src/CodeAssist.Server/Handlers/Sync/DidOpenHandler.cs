using CodeAssist.Server.Diagnostics;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Workspace;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Sync;

internal sealed class DidOpenHandler(
    DocumentStore documents,
    OversizedDocuments oversized,
    WorkspaceAccess workspace,
    DiagnosticsPublisher diagnostics,
    ContextWarmUp warmUp,
    ILogger<DidOpenHandler> logger)
    : NotificationHandler<DidOpenTextDocumentParams>
{
    public override string Method => "textDocument/didOpen";

    public override bool MutatesState => true;

    public override async Task HandleAsync(DidOpenTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var snapshot = documents.Open(notification.TextDocument);
        ServerLog.DocumentEvent(logger, Method, snapshot.Uri);
        var notice = oversized.Update(snapshot, context.Options);
        if (oversized.IsKeptOut(snapshot.Uri))
        {
            // A re-open replaces the text: an earlier, smaller version may still be in the workspace.
            if (snapshot.FilePath is { } keptOutPath)
            {
                WorkspaceForwarding.Run(logger, Method, () => workspace.Session?.CloseDocument(keptOutPath));
            }

            if (notice is not null)
            {
                await context.Client.ShowMessageAsync(MessageType.Warning, notice).ConfigureAwait(false);
            }

            diagnostics.Schedule(snapshot);
            return;
        }

        if (snapshot.FilePath is { } path)
        {
            WorkspaceForwarding.Run(logger, Method, () => workspace.Session?.OpenDocument(path, snapshot.Text));
            warmUp.Document(path);
        }

        diagnostics.Schedule(snapshot);
    }
}

using CodeAssist.Server.Diagnostics;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Workspace;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Sync;

internal sealed class DidOpenHandler(
    DocumentStore documents, WorkspaceAccess workspace, DiagnosticsPublisher diagnostics, ContextWarmUp warmUp, ILogger<DidOpenHandler> logger)
    : NotificationHandler<DidOpenTextDocumentParams>
{
    public override string Method => "textDocument/didOpen";

    public override bool MutatesState => true;

    public override Task HandleAsync(DidOpenTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var snapshot = documents.Open(notification.TextDocument);
        ServerLog.DocumentEvent(logger, Method, snapshot.Uri);
        if (snapshot.FilePath is { } path)
        {
            WorkspaceForwarding.Run(logger, Method, () => workspace.Session?.OpenDocument(path, snapshot.Text));
            warmUp.Document(path);
        }

        diagnostics.Schedule(snapshot);

        return Task.CompletedTask;
    }
}

using CodeAssist.Server.Diagnostics;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Handlers.InlineCompletion;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using CodeAssist.Server.Workspace;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Sync;

internal sealed class DidCloseHandler(
    DocumentStore documents,
    OversizedDocuments oversized,
    ClosedDocumentMemory memory,
    WorkspaceAccess workspace,
    DiagnosticsPublisher diagnostics,
    InlineSuggestions suggestions,
    ILogger<DidCloseHandler> logger)
    : NotificationHandler<DidCloseTextDocumentParams>
{
    public override string Method => "textDocument/didClose";

    public override bool MutatesState => true;

    public override Task HandleAsync(DidCloseTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var uri = notification.TextDocument.Uri;
        var closedLength = documents.TryGet(uri)?.Text.Length ?? 0;
        if (!documents.Close(uri))
        {
            ServerLog.Ignored(logger, Method, $"{uri} is not open");
            return Task.CompletedTask;
        }

        if (ProtocolConversions.ToFilePath(uri) is { } path)
        {
            WorkspaceForwarding.Run(logger, Method, () => workspace.Session?.CloseDocument(path));
        }

        // A generation for a closed document can never be shown; stopping it frees the model for other files.
        suggestions.Close(uri);
        diagnostics.Clear(uri);
        oversized.Close(uri);

        // Last, once nothing here refers to the text any more.
        memory.Released(closedLength);

        return Task.CompletedTask;
    }
}

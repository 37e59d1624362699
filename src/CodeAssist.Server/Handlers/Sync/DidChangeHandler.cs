using CodeAssist.Server.Diagnostics;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Workspace;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Sync;

/// <summary>textDocument/didChange, incremental or full. Stale or unknown documents are logged and ignored.</summary>
internal sealed class DidChangeHandler(
    DocumentStore documents, OversizedDocuments oversized, WorkspaceAccess workspace, DiagnosticsPublisher diagnostics, ILogger<DidChangeHandler> logger)
    : NotificationHandler<DidChangeTextDocumentParams>
{
    public override string Method => "textDocument/didChange";

    public override bool MutatesState => true;

    public override async Task HandleAsync(DidChangeTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var result = documents.Change(
            notification.TextDocument.Uri, notification.TextDocument.Version, notification.ContentChanges, context.PositionEncoding);
        if (result.IgnoredReason is { } reason)
        {
            ServerLog.Ignored(logger, Method, reason);
            await context.Client.LogMessageAsync(MessageType.Warning, $"CodeAssist ignored {Method}: {reason}.").ConfigureAwait(false);
            return;
        }

        var snapshot = result.Snapshot!;
        var wasKeptOut = oversized.IsKeptOut(snapshot.Uri);
        var notice = oversized.Update(snapshot, context.Options);
        var keptOut = oversized.IsKeptOut(snapshot.Uri);
        if (snapshot.FilePath is { } changedPath && workspace.Session is { } changedSession && keptOut != wasKeptOut)
        {
            // Crossing the limit moves the document out of the workspace, or back in with its whole text.
            WorkspaceForwarding.Run(logger, Method, () =>
            {
                if (keptOut)
                {
                    changedSession.CloseDocument(changedPath);
                }
                else
                {
                    changedSession.OpenDocument(changedPath, snapshot.Text);
                }
            });
        }

        if (notice is not null)
        {
            await context.Client.ShowMessageAsync(MessageType.Warning, notice).ConfigureAwait(false);
        }

        if (!keptOut && !wasKeptOut && snapshot.FilePath is { } path && workspace.Session is { } session)
        {
            // One call per LSP change: each edit's offsets refer to the text left by the previous one.
            foreach (var edit in result.Edits)
            {
                WorkspaceForwarding.Run(logger, Method, () => session.ChangeDocument(path, [edit]));
            }
        }

        diagnostics.Schedule(result.Snapshot!);
    }
}

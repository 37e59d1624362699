using CodeAssist.Context;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using CodeAssist.Server.Workspace;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Workspace;

/// <summary>
/// workspace/didChangeWatchedFiles: files changed on disk (git checkout, codegen, another editor) reach the
/// workspace; open documents keep the editor's text. The watchers are registered by <see cref="WatchedFilesRegistration"/>.
/// </summary>
internal sealed class DidChangeWatchedFilesHandler(WorkspaceAccess workspace, ILogger<DidChangeWatchedFilesHandler> logger)
    : NotificationHandler<DidChangeWatchedFilesParams>
{
    public override string Method => "workspace/didChangeWatchedFiles";

    public override bool MutatesState => true;

    public override Task HandleAsync(DidChangeWatchedFilesParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        if (workspace.Session is not { } session)
        {
            return Task.CompletedTask;
        }

        var changes = new List<WatchedFileChange>();
        foreach (var change in notification.Changes)
        {
            if (ProtocolConversions.ToFilePath(change.Uri) is { } path && ToKind(change.Type) is { } kind)
            {
                changes.Add(new WatchedFileChange(path, kind));
            }
        }

        if (changes.Count > 0)
        {
            Sync.WorkspaceForwarding.Run(logger, Method, () => session.ApplyFileChanges(changes));
        }

        return Task.CompletedTask;
    }

    private static WatchedFileChangeKind? ToKind(int type) => type switch
    {
        1 => WatchedFileChangeKind.Created,
        2 => WatchedFileChangeKind.Changed,
        3 => WatchedFileChangeKind.Deleted,
        _ => null,
    };
}

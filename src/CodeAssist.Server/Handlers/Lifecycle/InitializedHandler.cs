using CodeAssist.Server.Status;
using CodeAssist.Server.Workspace;

namespace CodeAssist.Server.Handlers.Lifecycle;

/// <summary>initialized: the client is ready for server requests; start loading the workspace root in the background.</summary>
internal sealed class InitializedHandler(
    ServerState state, WorkspaceLoader loader, StatusPublisher status, WatchedFilesRegistration watchedFiles)
    : NotificationHandler<InitializedParams>
{
    public override string Method => "initialized";

    public override bool MutatesState => true;

    public override async Task HandleAsync(InitializedParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        state.MarkRunning();
        await status.StartAsync().ConfigureAwait(false);
        watchedFiles.Start();
        // Without a root (a single file) nothing is loaded: open documents still get a miscellaneous project, and
        // guessing a folder (the cwd could be $HOME) could mean loading thousands of unrelated files.
        if (state.RootPath is { } root)
        {
            loader.Start(root);
        }
    }
}

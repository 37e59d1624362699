using CodeAssist.Context;
using CodeAssist.Server.Client;
using CodeAssist.Server.Diagnostics;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Status;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Workspace;

/// <summary>Loads the workspace in the background after initialized, reporting $/progress and codeAssist/status.</summary>
internal sealed class WorkspaceLoader(
    WorkspaceAccess workspace, LanguageClient client, StatusPublisher status, DiagnosticsPublisher diagnostics,
    ContextWarmUp warmUp, ILogger<WorkspaceLoader> logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public Task? Loading { get; private set; }

    public void Start(string rootPath)
    {
        if (workspace.Session is not { } session || Loading is not null)
        {
            return;
        }

        Loading = Task.Run(() => LoadAsync(session, rootPath, _stopping.Token));
    }

    /// <summary>
    /// Waits, at most <paramref name="limit"/>, for a load in progress (nothing when none is). Answers whose names are
    /// checked against the solution wait for it: before the projects load, a name declared in another file of the
    /// project is not found.
    /// </summary>
    public async Task WaitWhileLoadingAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        if (Loading is not { IsCompleted: false } loading)
        {
            return;
        }

        try
        {
            await loading.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A load that takes longer still leaves the answer to the open files' project; its names are checked there.
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task LoadAsync(IWorkspaceSession session, string rootPath, CancellationToken cancellationToken)
    {
        await status.SetWorkspaceLoadingAsync($"Loading {rootPath}").ConfigureAwait(false);
        var progress = await client.BeginProgressAsync("CodeAssist: loading workspace", null, cancellationToken).ConfigureAwait(false);
        try
        {
            await session.LoadAsync(rootPath, new ProgressReporter(progress), cancellationToken).ConfigureAwait(false);
            ServerLog.WorkspaceLoaded(logger, session.LoadState.ToString());
            await progress.EndAsync($"Workspace {Describe(session.LoadState)}").ConfigureAwait(false);
            await status.SetWorkspaceLoadedAsync(session.LoadState, null).ConfigureAwait(false);

            // Open documents were analysed against a partial workspace (or none): analyse them again.
            diagnostics.ScheduleOpenDocuments();
            warmUp.OpenDocuments();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await progress.EndAsync("Cancelled").ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            ServerLog.WorkspaceLoadFailed(logger, exception);
            await progress.EndAsync("Failed").ConfigureAwait(false);
            await status.SetWorkspaceLoadedAsync(session.LoadState, $"Workspace load failed: {exception.Message}").ConfigureAwait(false);
        }
    }

    private static string Describe(WorkspaceLoadState state) => state switch
    {
        WorkspaceLoadState.Loaded => "loaded",
        WorkspaceLoadState.LoadedWithErrors => "loaded with errors",
        WorkspaceLoadState.AdHoc => "loaded as loose files",
        _ => state.ToString(),
    };

    /// <summary>Reports in call order on the caller's thread (Progress{T} would post them out of order).</summary>
    private sealed class ProgressReporter(WorkDoneProgress progress) : IProgress<string>
    {
        public void Report(string value) => _ = progress.ReportAsync(value);
    }
}

using System.Collections.Concurrent;
using CodeAssist.Context;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Logging;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Workspace;

/// <summary>
/// Prepares the context of a project (its compilation, the context engine's indexes) in the background when the
/// workspace has loaded and when a file of a project not seen yet is opened, so that the first suggestion is not
/// the one that waits for them (seconds on a large project). Then it runs one verification there, so the first
/// suggestion's compiler check is not a cold one that misses its budget. Without a context provider (a host that
/// composed none) only the verification is warmed.
/// </summary>
internal sealed class ContextWarmUp(
    WorkspaceAccess workspace, DocumentStore documents, ICodeContextProvider? provider, InlineCompletionService completion, ILogger<ContextWarmUp> logger) : IDisposable
{
    private readonly ConcurrentDictionary<ProjectId, Task> _projects = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The warm-ups started so far, by project (tests wait on them).</summary>
    internal IReadOnlyCollection<Task> Started => [.. _projects.Values];

    public void OpenDocuments()
    {
        foreach (var snapshot in documents.All)
        {
            if (snapshot.FilePath is { } path)
            {
                Document(path);
            }
        }
    }

    public void Document(string filePath)
    {
        if (workspace.Session is not { } session
            || session.LoadState is WorkspaceLoadState.NotLoaded or WorkspaceLoadState.Loading
            || session.GetDocument(filePath) is not { } document)
        {
            return;
        }

        _projects.GetOrAdd(document.Project.Id, _ => Task.Run(() => WarmAsync(document, filePath)));
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task WarmAsync(Document document, string filePath)
    {
        try
        {
            if (provider is not null)
            {
                await provider.WarmUpAsync(document, _stopping.Token).ConfigureAwait(false);
            }

            await completion.WarmUpVerificationAsync(document, _stopping.Token).ConfigureAwait(false);

            // Last: the model's prefill of the project digest gives way to any request, but not to the work above.
            _ = completion.PrepareProject(document);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Only an optimisation: the first request builds what is missing itself.
            ServerLog.WarmUpFailed(logger, filePath, exception);
        }
    }
}

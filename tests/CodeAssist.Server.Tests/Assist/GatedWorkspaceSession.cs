using CodeAssist.Context;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeAssist.Server.Tests.Assist;

/// <summary>The real workspace session, whose load only starts when the test opens the gate (a load that takes long).</summary>
internal sealed class GatedWorkspaceSession : IWorkspaceSession
{
    private readonly WorkspaceSession _inner = new(NullLogger<WorkspaceSession>.Instance);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _waiting;

    public WorkspaceLoadState LoadState => _waiting ? WorkspaceLoadState.Loading : _inner.LoadState;

    public Solution CurrentSolution => _inner.CurrentSolution;

    public IReadOnlyList<string> RecentFilePaths => _inner.RecentFilePaths;

    public void Open() => _gate.TrySetResult();

    public async Task LoadAsync(string rootPath, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        _waiting = true;
        await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        _waiting = false;
        await _inner.LoadAsync(rootPath, progress, cancellationToken).ConfigureAwait(false);
    }

    public void OpenDocument(string filePath, string text) => _inner.OpenDocument(filePath, text);

    public void ChangeDocument(string filePath, IReadOnlyList<DocumentTextChange> changes) => _inner.ChangeDocument(filePath, changes);

    public void CloseDocument(string filePath) => _inner.CloseDocument(filePath);

    public void ApplyFileChanges(IReadOnlyList<WatchedFileChange> changes) => _inner.ApplyFileChanges(changes);

    public Document? GetDocument(string filePath) => _inner.GetDocument(filePath);

    public void Dispose()
    {
        _gate.TrySetCanceled();
        _inner.Dispose();
    }
}

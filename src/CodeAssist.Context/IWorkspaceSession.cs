using Microsoft.CodeAnalysis;

namespace CodeAssist.Context;

/// <summary>
/// The Roslyn solution the assistant works on, kept in sync with the editor's open documents.
/// Mutations are called serially (the server's queue guarantees it); reads return immutable snapshots.
/// </summary>
public interface IWorkspaceSession : IDisposable
{
    WorkspaceLoadState LoadState { get; }

    /// <summary>The latest immutable snapshot; safe to read from any thread.</summary>
    Solution CurrentSolution { get; }

    /// <summary>Open and recently edited files, most recent first (for the lexical fallback).</summary>
    IReadOnlyList<string> RecentFilePaths { get; }

    /// <summary>Loads the .sln/.slnx/.csproj nearest to <paramref name="rootPath"/>, or an ad-hoc workspace of loose files.</summary>
    Task LoadAsync(string rootPath, IProgress<string>? progress, CancellationToken cancellationToken);

    void OpenDocument(string filePath, string text);

    void ChangeDocument(string filePath, IReadOnlyList<DocumentTextChange> changes);

    void CloseDocument(string filePath);

    /// <summary>Files created, changed or deleted on disk (workspace/didChangeWatchedFiles); open documents keep the editor's text.</summary>
    void ApplyFileChanges(IReadOnlyList<WatchedFileChange> changes);

    /// <summary>The current snapshot of the document, or null when the file is unknown and not open.</summary>
    Document? GetDocument(string filePath);
}

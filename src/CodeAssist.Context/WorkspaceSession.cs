using System.Text;
using CodeAssist.Context.Workspace;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Context;

/// <summary>
/// The Roslyn solution for one client root, kept in sync with the editor.
/// </summary>
/// <remarks>
/// Threading: mutations (open/change/close/file changes) arrive serially from the server's queue, but the load runs
/// in the background and finishes at any time, so every mutation takes <see cref="_gate"/> and publishes a new
/// immutable <see cref="Solution"/>. Reads never lock: they take the published snapshot once and work on it.
/// Open documents always win over disk: their text is kept here and re-applied when a load publishes a new solution,
/// so documents opened before the load finishes keep working (in a miscellaneous project until then).
/// </remarks>
public sealed class WorkspaceSession : IWorkspaceSession
{
    private readonly ILogger<WorkspaceSession> _logger;
    private readonly WorkspaceSessionOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SourceText> _openDocuments = new(StringComparer.Ordinal);
    private readonly RecentFiles _recent = new();
    private readonly DocumentPlacement _placement = new();
    private readonly AdhocWorkspace _adHocWorkspace = new();
    private string? _rootPath;
    private int _loadGeneration;
    private volatile Solution _solution;
    private volatile WorkspaceLoadState _loadState = WorkspaceLoadState.NotLoaded;

    public WorkspaceSession(ILogger<WorkspaceSession> logger)
        : this(logger, new WorkspaceSessionOptions())
    {
    }

    public WorkspaceSession(ILogger<WorkspaceSession> logger, WorkspaceSessionOptions options)
    {
        _logger = logger;
        _options = options;
        _solution = _adHocWorkspace.CurrentSolution;
    }

    public WorkspaceLoadState LoadState => _loadState;

    public Solution CurrentSolution => _solution;

    public IReadOnlyList<string> RecentFilePaths => _recent.Snapshot;

    /// <summary>Problems the last load reported (restore missing, unresolved references...), once each.</summary>
    public IReadOnlyList<string> LoadProblems { get; private set; } = [];

    public async Task LoadAsync(string rootPath, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootPath);
        int generation;
        lock (_gate)
        {
            _rootPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
            generation = ++_loadGeneration;
            _loadState = WorkspaceLoadState.Loading;
        }

        var projectFile = ProjectFileLocator.Find(rootPath);
        if (projectFile is not null)
        {
            try
            {
                var result = await new WorkspaceLoader(_logger, _options).LoadAsync(projectFile, progress, cancellationToken);

                // The loaded Solution is an immutable snapshot that outlives its workspace. Disposing the
                // MSBuildWorkspace at once shuts its BuildHost process down, so no build host is left running
                // when this process is killed instead of shut down (editors do that).
                result.Workspace.Dispose();
                Publish(generation, result.Solution, result.Problems.Count == 0 ? WorkspaceLoadState.Loaded : WorkspaceLoadState.LoadedWithErrors);
                LoadProblems = result.Problems;
                WorkspaceLoader.Report(result, _logger, progress);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                WorkspaceSessionLog.LoadFailed(_logger, e, projectFile);
                progress?.Report($"Could not load {Path.GetFileName(projectFile)} ({e.Message}); using the folder's .cs files instead.");
                LoadProblems = [e.Message];
            }
        }

        var folder = Path.TrimEndingDirectorySeparator(Directory.Exists(rootPath) ? Path.GetFullPath(rootPath)
            : Path.GetDirectoryName(Path.GetFullPath(projectFile ?? rootPath))!);
        var files = await Task.Run(() => AdHocProjects.EnumerateSourceFiles(folder, _options.MaxLooseFiles).ToList(), cancellationToken);
        var solution = AdHocProjects.AddProject(
            _adHocWorkspace.CurrentSolution, ProjectId.CreateNewId(), Path.GetFileName(folder), files.Select(f => (f, (SourceText?)null)));
        Publish(generation, solution, WorkspaceLoadState.AdHoc, folder);
        progress?.Report($"No project file found; using {files.Count} .cs files of {folder} with the .NET {Environment.Version.ToString(2)} reference assemblies.");
    }

    public void OpenDocument(string filePath, string text)
    {
        var path = Normalize(filePath);
        lock (_gate)
        {
            var sourceText = SourceText.From(text, Encoding.UTF8);
            _openDocuments[path] = sourceText;
            _solution = _placement.WithText(_solution, path, sourceText);
            _recent.Touch(path);
        }
    }

    /// <summary>Applies the changes in order; each is in offsets of the text the previous one produced (LSP semantics).</summary>
    public void ChangeDocument(string filePath, IReadOnlyList<DocumentTextChange> changes)
    {
        var path = Normalize(filePath);
        lock (_gate)
        {
            if (!_openDocuments.TryGetValue(path, out var text))
            {
                WorkspaceSessionLog.ChangeToClosedDocument(_logger, path);
                return;
            }

            var updated = text;
            foreach (var change in changes)
            {
                if (change.Start < 0 || change.Length < 0 || change.Start + change.Length > updated.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(changes), $"The change {change.Start}+{change.Length} is outside {path} ({updated.Length} characters).");
                }

                updated = updated.WithChanges(new TextChange(new TextSpan(change.Start, change.Length), change.NewText));
            }

            if (updated.ContentEquals(text))
            {
                return;
            }

            _openDocuments[path] = updated;
            _solution = _placement.WithText(_solution, path, updated);
            _recent.Touch(path);
        }
    }

    public void CloseDocument(string filePath)
    {
        var path = Normalize(filePath);
        lock (_gate)
        {
            if (!_openDocuments.Remove(path))
            {
                return;
            }

            var solution = _solution;
            var ids = solution.GetDocumentIdsWithFilePath(path);
            if (ids.All(id => _placement.IsMiscellaneous(id.ProjectId)) || !File.Exists(path))
            {
                _solution = solution.RemoveDocuments(ids);
            }
            else
            {
                // The editor may have discarded unsaved changes: the file on disk is the truth again.
                _solution = DocumentPlacement.WithDiskText(solution, ids, path);
            }
        }
    }

    public void ApplyFileChanges(IReadOnlyList<WatchedFileChange> changes)
    {
        var reload = false;
        lock (_gate)
        {
            var solution = _solution;
            foreach (var change in changes)
            {
                var path = Normalize(change.FilePath);
                if (ProjectFileLocator.IsProjectFile(path))
                {
                    WorkspaceSessionLog.ProjectFileChanged(_logger, path);
                    reload = _rootPath is not null && _loadState is not WorkspaceLoadState.Loading;
                    continue;
                }

                if (_openDocuments.ContainsKey(path) || !path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var ids = solution.GetDocumentIdsWithFilePath(path);
                solution = change.Kind switch
                {
                    WatchedFileChangeKind.Deleted => solution.RemoveDocuments(ids),
                    _ when ids.Length > 0 => DocumentPlacement.WithDiskText(solution, ids, path),
                    _ when File.Exists(path) => _placement.AddToOwningProjects(solution, path, text: null),
                    _ => solution,
                };
            }

            _solution = solution;
        }

        if (reload && _rootPath is { } root)
        {
            _ = ReloadAsync(root);
        }
    }

    public Document? GetDocument(string filePath)
    {
        var solution = _solution;
        var id = ActiveProjectSelector.Select(solution, solution.GetDocumentIdsWithFilePath(Normalize(filePath)));
        return id is null ? null : solution.GetDocument(id);
    }

    public void Dispose() => _adHocWorkspace.Dispose();

    private async Task ReloadAsync(string root)
    {
        try
        {
            await LoadAsync(root, progress: null, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            WorkspaceSessionLog.LoadFailed(_logger, e, root);
        }
    }

    /// <summary>Replaces the solution with a freshly loaded one, unless a newer load started meanwhile.</summary>
    private void Publish(int generation, Solution loaded, WorkspaceLoadState state, string? adHocFolder = null)
    {
        lock (_gate)
        {
            if (generation != _loadGeneration)
            {
                return;
            }

            _placement.Reset(adHocFolder);
            var solution = loaded;
            foreach (var (path, text) in _openDocuments)
            {
                solution = _placement.WithText(solution, path, text);
            }

            _solution = solution;
            _loadState = state;
        }
    }

    private static string Normalize(string filePath) => Path.GetFullPath(filePath);
}

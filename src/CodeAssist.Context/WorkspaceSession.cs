using System.Collections.Immutable;
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
    private const int MaxRecentFiles = 20;

    private readonly ILogger<WorkspaceSession> _logger;
    private readonly WorkspaceSessionOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SourceText> _openDocuments = new(StringComparer.Ordinal);
    private readonly List<string> _recent = [];
    private readonly AdhocWorkspace _adHocWorkspace = new();
    private IDisposable? _loadedWorkspace;
    private ProjectId? _miscellaneousProject;
    private string? _rootPath;
    private string? _adHocFolder;
    private int _loadGeneration;
    private volatile Solution _solution;
    private volatile WorkspaceLoadState _loadState = WorkspaceLoadState.NotLoaded;
    private volatile IReadOnlyList<string> _recentSnapshot = [];

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

    public IReadOnlyList<string> RecentFilePaths => _recentSnapshot;

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
                Publish(generation, result.Solution, loadedWorkspace: null, result.Problems.Count == 0 ? WorkspaceLoadState.Loaded : WorkspaceLoadState.LoadedWithErrors);
                LoadProblems = result.Problems;
                ReportLoaded(result, progress);
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
        Publish(generation, solution, loadedWorkspace: null, WorkspaceLoadState.AdHoc, folder);
        progress?.Report($"No project file found; using {files.Count} .cs files of {folder} with the .NET {Environment.Version.ToString(2)} reference assemblies.");
    }

    public void OpenDocument(string filePath, string text)
    {
        var path = Normalize(filePath);
        lock (_gate)
        {
            var sourceText = SourceText.From(text, Encoding.UTF8);
            _openDocuments[path] = sourceText;
            _solution = WithText(_solution, path, sourceText);
            Touch(path);
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
            _solution = WithText(_solution, path, updated);
            Touch(path);
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
            if (ids.All(id => id.ProjectId == _miscellaneousProject) || !File.Exists(path))
            {
                _solution = solution.RemoveDocuments(ids);
            }
            else
            {
                // The editor may have discarded unsaved changes: the file on disk is the truth again.
                _solution = WithDiskText(solution, ids, path);
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
                if (IsProjectFile(path))
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
                    _ when ids.Length > 0 => WithDiskText(solution, ids, path),
                    _ when File.Exists(path) => AddToOwningProjects(solution, path, text: null),
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

    public void Dispose()
    {
        lock (_gate)
        {
            _loadedWorkspace?.Dispose();
            _loadedWorkspace = null;
        }

        _adHocWorkspace.Dispose();
    }

    private static string Normalize(string filePath) => Path.GetFullPath(filePath);

    private static bool IsProjectFile(string path) =>
        path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".props", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".targets", StringComparison.OrdinalIgnoreCase);

    private static Solution WithDiskText(Solution solution, ImmutableArray<DocumentId> ids, string path)
    {
        foreach (var id in ids)
        {
            solution = solution.WithDocumentTextLoader(id, new FileTextLoader(path, Encoding.UTF8), PreservationMode.PreserveValue);
        }

        return solution;
    }

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
    private void Publish(int generation, Solution loaded, IDisposable? loadedWorkspace, WorkspaceLoadState state, string? adHocFolder = null)
    {
        lock (_gate)
        {
            if (generation != _loadGeneration)
            {
                loadedWorkspace?.Dispose();
                return;
            }

            _loadedWorkspace?.Dispose();
            _loadedWorkspace = loadedWorkspace;
            _miscellaneousProject = null;
            _adHocFolder = adHocFolder;
            var solution = loaded;
            foreach (var (path, text) in _openDocuments)
            {
                solution = WithText(solution, path, text);
            }

            _solution = solution;
            _loadState = state;
        }
    }

    private void ReportLoaded(WorkspaceLoader.Result result, IProgress<string>? progress)
    {
        var projects = result.Solution.Projects.Count();
        var documents = result.Solution.Projects.Sum(p => p.DocumentIds.Count);
        var summary = $"Loaded {projects} project(s), {documents} documents in {result.Elapsed.TotalSeconds:0.0} s.";
        WorkspaceSessionLog.Loaded(_logger, summary);
        if (result.Problems.Count > 0)
        {
            // Once, clearly, with the first few problems: a missing restore shows up as dozens of identical lines.
            var first = string.Join("\n  ", result.Problems.Take(5));
            var problems = $"The workspace loaded with {result.Problems.Count} problem(s) (context may be incomplete; run `dotnet restore`?):\n  {first}";
            WorkspaceSessionLog.LoadProblems(_logger, problems);
            progress?.Report(problems);
        }

        progress?.Report(summary);
    }

    private Solution WithText(Solution solution, string path, SourceText text)
    {
        var ids = solution.GetDocumentIdsWithFilePath(path);
        if (ids.IsEmpty)
        {
            return AddToOwningProjects(solution, path, text);
        }

        var active = solution.GetDocument(ActiveProjectSelector.Select(solution, ids));
        if (active is not null && active.TryGetText(out var current) && current.ContentEquals(text))
        {
            return solution;
        }

        return solution.WithDocumentText(ids, text, PreservationMode.PreserveIdentity);
    }

    /// <summary>A new file joins every loaded project whose folder holds it (all target frameworks), else the miscellaneous project.</summary>
    private Solution AddToOwningProjects(Solution solution, string path, SourceText? text)
    {
        var owners = solution.Projects
            .Where(p => p.FilePath is not null && path.StartsWith(Path.GetDirectoryName(p.FilePath)! + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .GroupBy(p => p.FilePath)
            .OrderByDescending(g => g.Key!.Length)
            .FirstOrDefault();
        if (owners is null && _adHocFolder is not null && path.StartsWith(_adHocFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            var folderProject = solution.Projects.FirstOrDefault(p => AdHocProjects.IsAdHoc(p) && p.Id != _miscellaneousProject);
            owners = folderProject is null ? null : new[] { folderProject }.GroupBy(p => p.FilePath).First();
        }

        if (owners is not null)
        {
            foreach (var project in owners)
            {
                solution = solution.AddDocument(AdHocProjects.CreateDocument(project.Id, path, text));
            }

            return solution;
        }

        if (_miscellaneousProject is null || solution.GetProject(_miscellaneousProject) is null)
        {
            _miscellaneousProject = ProjectId.CreateNewId(AdHocProjects.MiscellaneousName);
            solution = AdHocProjects.AddProject(solution, _miscellaneousProject, AdHocProjects.MiscellaneousName, []);
        }

        return solution.AddDocument(AdHocProjects.CreateDocument(_miscellaneousProject, path, text));
    }

    private void Touch(string path)
    {
        _recent.Remove(path);
        _recent.Insert(0, path);
        if (_recent.Count > MaxRecentFiles)
        {
            _recent.RemoveAt(_recent.Count - 1);
        }

        _recentSnapshot = [.. _recent];
    }
}

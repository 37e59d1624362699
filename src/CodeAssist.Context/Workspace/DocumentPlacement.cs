using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Context.Workspace;

/// <summary>
/// Where a file's text goes in a solution: into the documents it already has, else into every loaded project whose
/// folder holds it (all target frameworks), else into the ad-hoc folder project, else into a miscellaneous project.
/// </summary>
/// <remarks>Threading: used only under the session's lock; <see cref="Reset"/> runs whenever a load publishes a new solution.</remarks>
internal sealed class DocumentPlacement
{
    private ProjectId? _miscellaneousProject;
    private string? _adHocFolder;

    /// <summary>Forgets the miscellaneous project of the previous solution; <paramref name="adHocFolder"/> is the folder of an ad-hoc load.</summary>
    public void Reset(string? adHocFolder)
    {
        _miscellaneousProject = null;
        _adHocFolder = adHocFolder;
    }

    public bool IsMiscellaneous(ProjectId project) => project == _miscellaneousProject;

    /// <summary>The solution with <paramref name="path"/>'s documents showing <paramref name="text"/>, adding the file where it belongs when it has none.</summary>
    public Solution WithText(Solution solution, string path, SourceText text)
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

    /// <summary>The solution with the documents reading <paramref name="path"/> from disk again.</summary>
    public static Solution WithDiskText(Solution solution, ImmutableArray<DocumentId> ids, string path)
    {
        foreach (var id in ids)
        {
            solution = solution.WithDocumentTextLoader(id, new FileTextLoader(path, Encoding.UTF8), PreservationMode.PreserveValue);
        }

        return solution;
    }

    /// <summary>Adds a file the solution does not have yet; null <paramref name="text"/> reads it from disk.</summary>
    public Solution AddToOwningProjects(Solution solution, string path, SourceText? text)
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
}

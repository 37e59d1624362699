using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Context.Workspace;

/// <summary>
/// The one way to build a Roslyn workspace without MSBuild, for whoever needs a document outside a loaded project:
/// the CLI's fast offline load (the .cs files under each .csproj, its implicit usings and nullable setting, no
/// package references: that trade buys a sub-second start), the server's open files that no workspace has, tests
/// and benchmarks. Every project references <see cref="FrameworkReferences"/>.
/// </summary>
public static class AdHocWorkspaces
{
    /// <summary>More .cs files than any real project has; it bounds a load started in the wrong folder (a home folder).</summary>
    public const int MaxFilesPerProject = 5000;

    /// <summary>The running framework's reference assemblies, shared by every ad-hoc project in the process.</summary>
    public static IReadOnlyList<MetadataReference> FrameworkReferences => CodeAssist.Context.Workspace.FrameworkReferences.Get();

    /// <summary>The nearest .csproj in <paramref name="directory"/> or its parents, or null.</summary>
    public static string? FindProjectFile(string directory) => ProjectFileLocator.FindProjectUpwards(directory);

    /// <summary>
    /// A workspace with one project per .csproj (the .cs files under its folder, nested projects and build output left
    /// out; references between projects are not resolved) and one more for <paramref name="looseFiles"/>, if any.
    /// </summary>
    public static AdhocWorkspace Load(IReadOnlyList<string> projectFiles, IReadOnlyList<string> looseFiles)
    {
        var workspace = new AdhocWorkspace();
        var solution = workspace.CurrentSolution;
        foreach (var projectFile in projectFiles.Distinct(StringComparer.Ordinal))
        {
            var files = AdHocProjects.EnumerateSourceFiles(Path.GetDirectoryName(projectFile)!, MaxFilesPerProject, skipNestedProjects: true);
            var name = Path.GetFileNameWithoutExtension(projectFile);
            solution = AdHocProjects.AddProject(
                solution, ProjectId.CreateNewId(name), name, files.Select(f => (f, (SourceText?)null)),
                AdHocProjectSettings.Read(projectFile), projectFile);
        }

        if (looseFiles.Count > 0)
        {
            solution = AdHocProjects.AddProject(solution, ProjectId.CreateNewId("Files"), "Files", looseFiles.Select(f => (f, (SourceText?)null)));
        }

        if (!workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException("An ad-hoc workspace refused its own projects.");
        }

        return workspace;
    }

    /// <summary>
    /// An empty project for files no workspace has: add a document to it for each (the project is immutable, so each
    /// document sees only itself and the framework).
    /// </summary>
    public static Project CreateLooseFilesProject()
    {
        var projectId = ProjectId.CreateNewId(AdHocProjects.MiscellaneousName);
        var solution = AdHocProjects.AddProject(new AdhocWorkspace().CurrentSolution, projectId, AdHocProjects.MiscellaneousName, []);
        return solution.GetProject(projectId)!;
    }

    /// <summary>The document of <paramref name="filePath"/> in <paramref name="solution"/>, or null.</summary>
    public static Document? FindDocument(Solution solution, string filePath) =>
        solution.GetDocumentIdsWithFilePath(filePath).Select(solution.GetDocument).FirstOrDefault(d => d is not null);
}

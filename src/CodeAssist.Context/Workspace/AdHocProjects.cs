using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Context.Workspace;

/// <summary>
/// Projects that MSBuild did not load: a loose folder, the open files outside every loaded project, or a .csproj read
/// without a design-time build. They compile against the running framework with the SDK's implicit usings, so
/// context, completion and verification still work on what they can see.
/// </summary>
internal static class AdHocProjects
{
    public const string MiscellaneousName = "Miscellaneous Files";

    private const string ImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
        "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    /// <summary>MSBuild projects always have a file path; the session's ad-hoc ones never do.</summary>
    public static bool IsAdHoc(Project project) => project.FilePath is null;

    /// <param name="projectFile">The .csproj the project stands for, when one does (a project read without MSBuild).</param>
    public static Solution AddProject(
        Solution solution,
        ProjectId projectId,
        string name,
        IEnumerable<(string Path, SourceText? Text)> files,
        AdHocProjectSettings? settings = null,
        string? projectFile = null)
    {
        settings ??= AdHocProjectSettings.LooseFiles;
        var documents = files.Select(f => CreateDocument(projectId, f.Path, f.Text)).ToList();
        if (settings.ImplicitUsings)
        {
            documents.Insert(0, DocumentInfo.Create(
                DocumentId.CreateNewId(projectId, "implicit usings"),
                "CodeAssist.ImplicitUsings.g.cs",
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(ImplicitUsings, Encoding.UTF8), VersionStamp.Create()))));
        }

        var info = ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            name,
            name,
            LanguageNames.CSharp,
            filePath: projectFile,
            compilationOptions: new CSharpCompilationOptions(
                settings.Executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: settings.Nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable,
                allowUnsafe: true),
            parseOptions: new CSharpParseOptions(LanguageVersion.Preview),
            documents: documents,
            metadataReferences: FrameworkReferences.Get());
        return solution.AddProject(info);
    }

    public static DocumentInfo CreateDocument(ProjectId projectId, string path, SourceText? text)
    {
        var loader = text is null
            ? new FileTextLoader(path, Encoding.UTF8)
            : TextLoader.From(TextAndVersion.Create(text, VersionStamp.Create(), path));
        return DocumentInfo.Create(DocumentId.CreateNewId(projectId, path), Path.GetFileName(path), loader: loader, filePath: path);
    }

    /// <summary>
    /// The .cs files under <paramref name="folder"/>, build output and hidden folders left out. With
    /// <paramref name="skipNestedProjects"/>, folders below that hold their own .csproj are left out too: they are
    /// other projects.
    /// </summary>
    public static IEnumerable<string> EnumerateSourceFiles(string folder, int limit, bool skipNestedProjects = false)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var nestedProjects = skipNestedProjects
            ? Directory.EnumerateFiles(folder, "*.csproj", options)
                .Select(p => Path.GetDirectoryName(p)!)
                .Where(d => !string.Equals(d, folder, StringComparison.Ordinal))
                .Select(d => d + Path.DirectorySeparatorChar)
                .ToList()
            : [];
        return Directory.EnumerateFiles(folder, "*.cs", options)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(folder, path)))
            .Where(path => !nestedProjects.Any(n => path.StartsWith(n, StringComparison.Ordinal)))
            .Take(limit);
    }

    private static bool IsBuildOutput(string relativePath)
    {
        foreach (var part in relativePath.Split(Path.DirectorySeparatorChar).SkipLast(1))
        {
            if (part is "bin" or "obj" or "node_modules" || part.StartsWith('.'))
            {
                return true;
            }
        }

        return false;
    }
}

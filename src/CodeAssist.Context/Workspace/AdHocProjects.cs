using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Context.Workspace;

/// <summary>
/// Projects that no project file describes: a loose folder, or the open files outside every loaded project.
/// They compile against the running framework with the SDK's implicit usings, so context still works.
/// </summary>
internal static class AdHocProjects
{
    public const string MiscellaneousName = "Miscellaneous Files";

    private const string ImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
        "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    /// <summary>MSBuild projects always have a file path; the ad-hoc ones never do.</summary>
    public static bool IsAdHoc(Project project) => project.FilePath is null;

    public static Solution AddProject(Solution solution, ProjectId projectId, string name, IEnumerable<(string Path, SourceText? Text)> files)
    {
        var documents = new List<DocumentInfo>
        {
            DocumentInfo.Create(
                DocumentId.CreateNewId(projectId, "implicit usings"),
                "CodeAssist.ImplicitUsings.g.cs",
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(ImplicitUsings, Encoding.UTF8), VersionStamp.Create()))),
        };
        documents.AddRange(files.Select(f => CreateDocument(projectId, f.Path, f.Text)));

        var info = ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            name,
            name,
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
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

    public static IEnumerable<string> EnumerateSourceFiles(string folder, int limit)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return Directory.EnumerateFiles(folder, "*.cs", options)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(folder, path)))
            .Take(limit);
    }

    private static bool IsBuildOutput(string relativePath)
    {
        foreach (var part in relativePath.Split(Path.DirectorySeparatorChar))
        {
            if (part is "bin" or "obj" or ".git" or "node_modules")
            {
                return true;
            }
        }

        return false;
    }
}

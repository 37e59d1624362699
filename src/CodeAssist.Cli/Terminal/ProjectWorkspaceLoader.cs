using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// Loads the project around a file fast and offline: the .cs files under the nearest .csproj (bin/obj and nested
/// projects excluded), the running framework's assemblies as references and the SDK's implicit usings when enabled.
/// It does not run MSBuild, so package references are missing; that trade buys a sub-second start for the CLI.
/// FIXME(issue 3/4): use the context layer's WorkspaceSession (MSBuild) when it is merged, keeping this as fallback.
/// </summary>
internal static class ProjectWorkspaceLoader
{
    private const int MaxFiles = 5000;

    private static readonly string[] ImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    ];

    /// <summary>The nearest .csproj in <paramref name="directory"/> or its parents, or null.</summary>
    public static string? FindProject(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var projects = current.GetFiles("*.csproj");
            if (projects.Length > 0)
            {
                return projects.OrderBy(p => p.Name, StringComparer.Ordinal).First().FullName;
            }
        }

        return null;
    }

    /// <summary>A workspace holding the project (or just the files given when there is no project).</summary>
    public static AdhocWorkspace Load(string? projectPath, IReadOnlyList<string> looseFiles) =>
        projectPath is null ? LoadMany([], looseFiles) : LoadMany([projectPath], []);

    /// <summary>A workspace with one project per .csproj (references between them are not resolved) plus loose files.</summary>
    public static AdhocWorkspace LoadMany(IReadOnlyList<string> projectPaths, IReadOnlyList<string> looseFiles)
    {
        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var references = FrameworkReferences();
        foreach (var projectPath in projectPaths.Distinct(StringComparer.Ordinal))
        {
            workspace.AddProject(CreateProject(projectPath, SourceFiles(Path.GetDirectoryName(projectPath)!), ReadSettings(projectPath), references));
        }

        if (looseFiles.Count > 0)
        {
            workspace.AddProject(CreateProject(null, looseFiles, new ProjectSettings(true, true, false), references));
        }

        return workspace;
    }

    private static ProjectInfo CreateProject(string? projectPath, IReadOnlyList<string> files, ProjectSettings settings, IReadOnlyList<MetadataReference> references)
    {
        var name = projectPath is null ? "Files" : Path.GetFileNameWithoutExtension(projectPath);
        var projectId = ProjectId.CreateNewId(name);
        var documents = files.Select(f => DocumentInfo.Create(
            DocumentId.CreateNewId(projectId, f), Path.GetFileName(f), loader: new FileTextLoader(f, null), filePath: f)).ToList();
        if (settings.ImplicitUsings)
        {
            var text = string.Join('\n', ImplicitUsings.Select(u => $"global using global::{u};"));
            var generated = Path.Combine(Path.GetDirectoryName(projectPath ?? files[0])!, "obj", "GlobalUsings.g.cs");
            documents.Add(DocumentInfo.Create(DocumentId.CreateNewId(projectId, generated), "GlobalUsings.g.cs",
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Create())), filePath: generated, isGenerated: true));
        }

        return ProjectInfo.Create(
            projectId, VersionStamp.Create(), name, name, LanguageNames.CSharp,
            filePath: projectPath,
            compilationOptions: new CSharpCompilationOptions(
                settings.Executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: settings.Nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            documents: documents,
            metadataReferences: references);
    }

    public static Document? FindDocument(Solution solution, string filePath) =>
        solution.GetDocumentIdsWithFilePath(filePath).Select(solution.GetDocument).FirstOrDefault(d => d is not null);

    private static List<string> SourceFiles(string projectDirectory)
    {
        var nested = Directory.EnumerateFiles(projectDirectory, "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetDirectoryName(p)!)
            .Where(d => !string.Equals(d, projectDirectory, StringComparison.Ordinal))
            .ToList();
        return Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(projectDirectory, f)))
            .Where(f => !nested.Any(n => f.StartsWith(n + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .Take(MaxFiles)
            .ToList();
    }

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is "bin" or "obj" || first.StartsWith('.');
    }

    private static ProjectSettings ReadSettings(string projectPath)
    {
        try
        {
            var properties = XDocument.Load(projectPath).Descendants()
                .Where(e => e.Parent?.Name.LocalName == "PropertyGroup")
                .GroupBy(e => e.Name.LocalName, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Last().Value.Trim(), StringComparer.OrdinalIgnoreCase);
            bool Enabled(string key) => properties.TryGetValue(key, out var value) && value.Equals("enable", StringComparison.OrdinalIgnoreCase);
            var executable = properties.TryGetValue("OutputType", out var output) && output.Contains("exe", StringComparison.OrdinalIgnoreCase);
            return new ProjectSettings(Enabled("ImplicitUsings"), Enabled("Nullable"), executable);
        }
        catch (System.Xml.XmlException)
        {
            return new ProjectSettings(false, false, false);
        }
    }

    private static List<MetadataReference> FrameworkReferences() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();

    private sealed record ProjectSettings(bool ImplicitUsings, bool Nullable, bool Executable);
}

using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// Newtonsoft.Json's library project as an ad-hoc Roslyn project: every .cs file under its folder, the net8.0
/// DefineConstants read from its csproj, and the running framework as references. The repository is fetched outside
/// this one (see Program's --repo); nothing of it is committed.
/// </summary>
internal static partial class BenchWorkspace
{
    public const string ProjectFolder = "Src/Newtonsoft.Json";

    public static Project Load(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, ProjectFolder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"{folder} not found: fetch JamesNK/Newtonsoft.Json at 09bb545d into {repositoryRoot} (git archive ... Src/Newtonsoft.Json).");
        }

        var csproj = File.ReadAllText(Path.Combine(folder, "Newtonsoft.Json.csproj"));
        var net8 = Net8Constants().Match(csproj);
        var symbols = net8.Success
            ? net8.Groups[1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => !s.StartsWith('$')).ToList()
            : [];
        symbols.Add("NET8_0_OR_GREATER");
        symbols.Add("NET6_0_OR_GREATER");
        symbols.Add("NET5_0_OR_GREATER");
        symbols.Add("NETCOREAPP");

        var references = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator)
            .Where(file => Path.GetFileName(file).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(file) is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll")
            .Select(file => (MetadataReference)MetadataReference.CreateFromFile(file))
            .ToList();

        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "Newtonsoft.Json",
            "Newtonsoft.Json",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: symbols),
            metadataReferences: references));
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/');
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(file), SourceText.From(File.ReadAllText(file)), filePath: relative);
        }

        workspace.TryApplyChanges(solution);
        return workspace.CurrentSolution.GetProject(projectId)!;
    }

    public static Document Find(Project project, string relativePath) =>
        project.Documents.FirstOrDefault(d => d.FilePath == relativePath)
        ?? throw new FileNotFoundException($"{relativePath} is not in the project.");

    [GeneratedRegex(@"Condition=""'\$\(TargetFramework\)'=='net8.0'"">\s*(?:<[^D][^>]*>[^<]*</[^>]+>\s*)*<DefineConstants>([^<]*)</DefineConstants>")]
    private static partial Regex Net8Constants();
}

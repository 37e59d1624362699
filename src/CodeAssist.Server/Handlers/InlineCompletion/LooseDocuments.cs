using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>
/// A Roslyn document for an open file the workspace does not have (no workspace registered, or still loading):
/// the file alone against the running framework, so completion and verification still work on what it can see.
/// </summary>
internal sealed class LooseDocuments
{
    private readonly Lazy<Project> project = new(CreateProject);

    public Document Create(string filePath, string text) =>
        project.Value.AddDocument(Path.GetFileName(filePath), SourceText.From(text), filePath: filePath);

    private static Project CreateProject()
    {
        var references = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator)
            .Where(file => Path.GetFileName(file).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(file) is "netstandard.dll" or "mscorlib.dll")
            .Select(file => (MetadataReference)MetadataReference.CreateFromFile(file));
        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        return workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "loose-files",
            "loose-files",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: references));
    }
}

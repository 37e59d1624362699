using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.TestUtilities.InlineCompletion;

/// <summary>
/// Builds a Roslyn document from C# markup with a <c>$0</c> caret, in an ad-hoc workspace that references the
/// running framework (so BCL names bind and verification sees real errors).
/// </summary>
public static class CompletionFixture
{
    public const string Caret = "$0";

    private static readonly Lazy<IReadOnlyList<MetadataReference>> FrameworkReferences = new(LoadFrameworkReferences);

    public static (Document Document, int Position) Create(string markup, string filePath = "/src/Sample.cs")
    {
        var position = markup.IndexOf(Caret, StringComparison.Ordinal);
        if (position < 0)
        {
            throw new ArgumentException("The fixture has no $0 caret.", nameof(markup));
        }

        var text = markup.Remove(position, Caret.Length);
        return (CreateDocument(text, filePath), position);
    }

    public static Document CreateDocument(string text, string filePath = "/src/Sample.cs")
    {
        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Sample",
                "Sample",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: FrameworkReferences.Value));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, Path.GetFileName(filePath), SourceText.From(text), filePath: filePath);
        workspace.TryApplyChanges(solution);
        return workspace.CurrentSolution.GetDocument(documentId)!;
    }

    /// <summary>The same document with <paramref name="inserted"/> typed at <paramref name="position"/>.</summary>
    public static Document Type(Document document, int position, string inserted)
    {
        if (!document.TryGetText(out var text))
        {
            throw new InvalidOperationException("Fixture documents hold their text in memory.");
        }

        return document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), inserted)));
    }

    public static IReadOnlyList<MetadataReference> References => FrameworkReferences.Value;

    private static IReadOnlyList<MetadataReference> LoadFrameworkReferences()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        return paths
            .Where(path => Path.GetFileName(path) is { } name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "netstandard.dll" or "mscorlib.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }
}

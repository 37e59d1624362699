using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.TestUtilities.Assist;

/// <summary>
/// An in-memory C# project for assistant tests: files by name, references to the running framework, and
/// the <c>[|...|]</c> span marker or <c>$0</c> caret marker stripped from the first file that has one.
/// </summary>
public sealed class AssistWorkspace : IDisposable
{
    private readonly AdhocWorkspace _workspace = new(MefHostServices.DefaultHost);

    public AssistWorkspace(params (string Name, string Text)[] files)
        : this(Root, files)
    {
    }

    /// <param name="root">The folder documents claim to live in (paths are <paramref name="root"/>/Name).</param>
    public AssistWorkspace(string root, params (string Name, string Text)[] files)
    {
        var project = _workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "Test", "Test", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(files.Any(f => f.Name.EndsWith("Program.cs", StringComparison.Ordinal)) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: FrameworkReferences()));
        var solution = project.Solution.AddDocument(DocumentInfo.Create(
            DocumentId.CreateNewId(project.Id), "GlobalUsings.g.cs",
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(ImplicitUsings), VersionStamp.Create())),
            filePath: Path.Combine(root, "obj", "GlobalUsings.g.cs")));
        foreach (var (name, raw) in files)
        {
            var text = raw;
            var start = text.IndexOf("[|", StringComparison.Ordinal);
            var end = text.IndexOf("|]", StringComparison.Ordinal);
            if (start >= 0 && end > start && Span is null)
            {
                text = text.Remove(end, 2).Remove(start, 2);
                Span = TextSpan.FromBounds(start, end - 2);
                MarkedFile = name;
            }

            var caret = text.IndexOf("$0", StringComparison.Ordinal);
            if (caret >= 0 && Span is null)
            {
                text = text.Remove(caret, 2);
                Span = new TextSpan(caret, 0);
                MarkedFile = name;
            }

            var id = DocumentId.CreateNewId(project.Id, name);
            solution = solution.AddDocument(DocumentInfo.Create(id, name, loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Create())),
                filePath: Path.Combine(root, name)));
        }

        if (!_workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException("Could not build the test workspace.");
        }
    }

    /// <summary>What the SDK's ImplicitUsings generate for a console or library project.</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>A fake root so documents have absolute paths like real ones.</summary>
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "codeassist-assist-tests");

    public TextSpan? Span { get; }

    public string? MarkedFile { get; }

    public Solution Solution => _workspace.CurrentSolution;

    public Microsoft.CodeAnalysis.Document Document(string name) => Solution.Projects.Single().Documents.Single(d => d.Name == name);

    public Microsoft.CodeAnalysis.Document MarkedDocument => Document(MarkedFile ?? throw new InvalidOperationException("No file has a [| |] or $0 marker."));

    public TextSpan MarkedSpan => Span ?? throw new InvalidOperationException("No marker.");

    public static IReadOnlyList<MetadataReference> FrameworkReferences() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();

    public void Dispose() => _workspace.Dispose();
}

using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeAssist.Context.Tests;

public sealed class WorkspaceSessionTests
{
    private const string TinyProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
            <Nullable>enable</Nullable>
          </PropertyGroup>
        </Project>
        """;

    [Fact]
    public async Task LoadAsync_TinyProjectOnDisk_LoadsDocumentsWithFrameworkReferences()
    {
        using var folder = new TempFolder();
        folder.Write("Tiny/Tiny.csproj", TinyProject);
        var greeter = folder.Write("Tiny/Greeter.cs", "namespace Tiny;\npublic class Greeter { public string Greet(string name) => $\"Hi {name}\"; }\n");
        folder.Write("Tiny/Program.cs", "namespace Tiny;\npublic static class Program { public static string Run() => new Greeter().Greet(\"x\"); }\n");
        using var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance);

        await session.LoadAsync(folder.Path, progress: null, CancellationToken.None);

        var document = session.GetDocument(greeter);
        Assert.NotNull(document);
        Assert.Contains("net10.0", document.Project.Name, StringComparison.Ordinal);
        var compilation = await document.Project.GetCompilationAsync();
        Assert.NotNull(compilation);
        Assert.NotNull(compilation.GetTypeByMetadataName("Tiny.Greeter"));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task LoadAsync_LooseFolder_BuildsAdHocProjectWithFrameworkReferences()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a/Shapes.cs", "namespace Loose;\npublic record Circle(double Radius) { public double Area => Math.PI * Radius * Radius; }\n");
        folder.Write("b/Use.cs", "namespace Loose;\nclass Use { List<Circle> All() => new(); }\n");
        folder.Write("obj/Generated.cs", "this is not C#");
        using var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance);

        await session.LoadAsync(folder.Path, progress: null, CancellationToken.None);

        Assert.Equal(WorkspaceLoadState.AdHoc, session.LoadState);
        var document = session.GetDocument(a);
        Assert.NotNull(document);
        Assert.DoesNotContain(document.Project.Documents, d => d.FilePath?.Contains("obj", StringComparison.Ordinal) == true);
        var compilation = await document.Project.GetCompilationAsync();
        Assert.Empty(compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task OpenDocument_BeforeLoad_IsAvailableAndKeepsItsTextAfterTheLoad()
    {
        using var folder = new TempFolder();
        var file = folder.Write("One.cs", "class One { }\n");
        using var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance);

        session.OpenDocument(file, "class One { int edited; }\n");
        var early = session.GetDocument(file);
        await session.LoadAsync(folder.Path, progress: null, CancellationToken.None);
        var late = session.GetDocument(file);

        Assert.NotNull(early);
        Assert.Equal("class One { int edited; }\n", (await late!.GetTextAsync()).ToString());
        Assert.Single(session.CurrentSolution.GetDocumentIdsWithFilePath(file));
    }

    [Fact]
    public async Task ChangeDocument_AppliesChangesInOrder_AndSkipsNoOps()
    {
        using var folder = new TempFolder();
        var file = folder.Write("Two.cs", "class Two { }\n");
        using var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance);
        await session.LoadAsync(folder.Path, progress: null, CancellationToken.None);
        session.OpenDocument(file, "class Two { }\n");
        var before = session.CurrentSolution;

        session.ChangeDocument(file, [new DocumentTextChange(12, 0, "int a;"), new DocumentTextChange(12, 0, "int b; ")]);
        var afterEdit = session.CurrentSolution;
        session.ChangeDocument(file, [new DocumentTextChange(0, 0, "")]);

        Assert.NotSame(before, afterEdit);
        Assert.Same(afterEdit, session.CurrentSolution);
        Assert.Equal("class Two { int b; int a;}\n", (await session.GetDocument(file)!.GetTextAsync()).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => session.ChangeDocument(file, [new DocumentTextChange(500, 1, "")]));
    }

    [Fact]
    public async Task CloseDocument_RevertsToDiskText_AndDropsMiscellaneousFiles()
    {
        using var folder = new TempFolder();
        var file = folder.Write("src/Three.cs", "class Three { }\n");
        var outside = Path.Combine(Path.GetTempPath(), "codeassist-outside-" + Guid.NewGuid().ToString("N")[..6] + ".cs");
        using var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance);
        await session.LoadAsync(folder.Path, progress: null, CancellationToken.None);

        session.OpenDocument(file, "class Three { unsaved }\n");
        session.CloseDocument(file);
        session.OpenDocument(outside, "class Outside { }\n");
        Assert.NotNull(session.GetDocument(outside));
        session.CloseDocument(outside);

        Assert.Equal("class Three { }\n", (await session.GetDocument(file)!.GetTextAsync()).ToString());
        Assert.Null(session.GetDocument(outside));
    }

    [Fact]
    public async Task ApplyFileChanges_TracksCreatedChangedAndDeletedFiles_ButNotOpenOnes()
    {
        using var folder = new TempFolder();
        folder.Write("Tiny.csproj", TinyProject);
        var kept = folder.Write("Kept.cs", "class Kept { }\n");
        var open = folder.Write("Open.cs", "class Open { }\n");
        using var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance);
        await session.LoadAsync(folder.Path, progress: null, CancellationToken.None);
        session.OpenDocument(open, "class Open { int inEditor; }\n");

        var added = folder.Write("Added.cs", "class Added { }\n");
        File.WriteAllText(kept, "class Kept { int onDisk; }\n");
        File.WriteAllText(open, "class Open { }\n");
        session.ApplyFileChanges([
            new WatchedFileChange(added, WatchedFileChangeKind.Created),
            new WatchedFileChange(kept, WatchedFileChangeKind.Changed),
            new WatchedFileChange(open, WatchedFileChangeKind.Changed),
        ]);

        var addedDocument = session.GetDocument(added);
        Assert.NotNull(addedDocument);
        Assert.Equal(2, session.CurrentSolution.GetDocumentIdsWithFilePath(added).Length); // both target frameworks
        Assert.Contains("onDisk", (await session.GetDocument(kept)!.GetTextAsync()).ToString(), StringComparison.Ordinal);
        Assert.Contains("inEditor", (await session.GetDocument(open)!.GetTextAsync()).ToString(), StringComparison.Ordinal);

        File.Delete(added);
        session.ApplyFileChanges([new WatchedFileChange(added, WatchedFileChangeKind.Deleted)]);
        Assert.Null(session.GetDocument(added));
    }

    [Fact]
    public async Task OpenDocument_NewFileInALooseFolderRootedWithATrailingSlash_JoinsTheFolderProject()
    {
        using var folder = new TempFolder();
        folder.Write("Shapes.cs", "class Circle { }\n");
        using var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance);
        await session.LoadAsync(folder.Path + "/", progress: null, CancellationToken.None);

        var use = Path.Combine(folder.Path, "Use.cs");
        session.OpenDocument(use, "class Use { Circle c; }\n");

        var compilation = await session.GetDocument(use)!.Project.GetCompilationAsync();
        Assert.Empty(compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}

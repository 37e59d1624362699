using CodeAssist.Context.Workspace;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Tests.Workspace;

public sealed class AdHocWorkspacesTests
{
    private const string ConsoleProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
        </Project>
        """;

    [Fact]
    public async Task Load_ProjectFile_ItsSourcesAndSettingsWithoutNestedProjectsOrBuildOutput()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App/App.csproj", ConsoleProject);
        var program = folder.Write("App/Program.cs", "Console.WriteLine(new Helpers.Shout().Say(\"hi\"));\n");
        folder.Write("App/Helpers/Shout.cs", "namespace Helpers;\npublic class Shout { public string Say(string? text) => (text ?? \"\").ToUpperInvariant(); }\n");
        folder.Write("App/obj/Debug/Broken.g.cs", "this is not C#");
        folder.Write("App/.hidden/Broken.cs", "this is not C# either");
        folder.Write("App/Tests/Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        folder.Write("App/Tests/AppTests.cs", "class AppTests { }\n");

        using var workspace = AdHocWorkspaces.Load([project], []);

        var loaded = Assert.Single(workspace.CurrentSolution.Projects);
        Assert.Equal(project, loaded.FilePath);
        Assert.Equal(OutputKind.ConsoleApplication, loaded.CompilationOptions!.OutputKind);
        Assert.Equal(NullableContextOptions.Enable, loaded.CompilationOptions.NullableContextOptions);
        var files = loaded.Documents.Select(d => d.FilePath).OfType<string>().Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["Program.cs", "Shout.cs"], files);
        var compilation = await loaded.GetCompilationAsync();
        Assert.Empty(compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotNull(AdHocWorkspaces.FindDocument(workspace.CurrentSolution, program));
    }

    [Fact]
    public void Load_ProjectWithoutImplicitUsings_HasNoGlobalUsings()
    {
        using var folder = new TempFolder();
        var project = folder.Write("Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        folder.Write("Lib/Thing.cs", "class Thing { List<int> Items = new(); }\n");

        using var workspace = AdHocWorkspaces.Load([project], []);

        var loaded = Assert.Single(workspace.CurrentSolution.Projects);
        Assert.Single(loaded.Documents);
        Assert.Equal(OutputKind.DynamicallyLinkedLibrary, loaded.CompilationOptions!.OutputKind);
        Assert.Equal(NullableContextOptions.Disable, loaded.CompilationOptions.NullableContextOptions);
    }

    [Fact]
    public async Task Load_LooseFiles_OneProjectWithTheSdkDefaults()
    {
        using var folder = new TempFolder();
        var a = folder.Write("A.cs", "namespace Loose;\npublic record Item(string Name);\n");
        var b = folder.Write("B.cs", "namespace Loose;\nclass Shelf { List<Item> Items { get; } = []; }\n");

        using var workspace = AdHocWorkspaces.Load([], [a, b]);

        var loaded = Assert.Single(workspace.CurrentSolution.Projects);
        Assert.Null(loaded.FilePath);
        var compilation = await loaded.GetCompilationAsync();
        Assert.Empty(compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task CreateLooseFilesProject_DocumentBindsFrameworkNamesThroughImplicitUsings()
    {
        var project = AdHocWorkspaces.CreateLooseFilesProject();

        var document = project.AddDocument("Use.cs", "class Use { Task<List<string>> Names() => Task.FromResult(new List<string>()); }", filePath: "/loose/Use.cs");

        var compilation = await document.Project.GetCompilationAsync();
        Assert.Empty(compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Same(AdHocWorkspaces.FrameworkReferences, AdHocWorkspaces.FrameworkReferences);
        Assert.Contains(project.MetadataReferences, r => r.Display?.EndsWith("System.Runtime.dll", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void FindProjectFile_FileInASubfolder_TheNearestProjectAbove()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App/App.csproj", ConsoleProject);
        folder.Write("App/Deep/Er/File.cs", "class File { }\n");

        Assert.Equal(project, AdHocWorkspaces.FindProjectFile(Path.Combine(folder.Path, "App", "Deep", "Er")));
        Assert.Null(AdHocWorkspaces.FindProjectFile(Path.GetPathRoot(folder.Path)!));
    }
}

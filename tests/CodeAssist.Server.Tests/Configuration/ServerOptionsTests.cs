using System.Text.Json;
using CodeAssist.Features.Configuration;
using CodeAssist.Server.Configuration;
using Xunit;

namespace CodeAssist.Server.Tests.Configuration;

public sealed class ServerOptionsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("codeassist-server-options-");

    public void Dispose() => _directory.Delete(recursive: true);

    private ServerOptions Create(Dictionary<string, string>? commandLine = null) => new(
        new OptionsLoader(_ => null),
        new OptionsSources { UserSettingsPath = Path.Combine(_directory.FullName, "user.json"), CommandLine = commandLine ?? [] });

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void EditorSettings_LayerOverTheWorkspaceFile_AndTheCommandLineWinsOverBoth()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, ".codeassist.json"), """{"model":"workspace.gguf","contextSize":2048,"threads":3}""");
        var options = Create(new() { ["threads"] = "5" });

        var problems = options.Initialize(_directory.FullName, Json("""{"codeassist":{"model":"editor.gguf"}}"""));

        Assert.Empty(problems);
        Assert.Equal("editor.gguf", options.Current.Model);
        Assert.Equal(2048, options.Current.ContextSize);
        Assert.Equal(5, options.Current.Threads);
    }

    [Fact]
    public void NewEditorSettings_ReplaceThePreviousEditorLayer()
    {
        var options = Create();
        options.Initialize(null, Json("""{"model":"first.gguf"}"""));

        options.ApplyEditorSettings(Json("""{"completion":{"debounceMs":20}}"""));

        Assert.Equal("", options.Current.Model);
        Assert.Equal(20, options.Current.Completion.DebounceMs);
    }

    [Fact]
    public void InvalidValue_IsReportedOnce_AndTheRestApplies()
    {
        var options = Create();
        CodeAssistOptions? changed = null;
        options.Changed += (_, o) => changed = o;

        var first = options.ApplyEditorSettings(Json("""{"completion":{"debounceMs":"soon","maxTokens":12}}"""));
        var second = options.ApplyEditorSettings(Json("""{"completion":{"debounceMs":"soon","maxTokens":12}}"""));

        Assert.Contains(first, p => p.Contains("completion.debounceMs", StringComparison.Ordinal));
        Assert.Empty(second);
        Assert.Equal(12, options.Current.Completion.MaxTokens);
        Assert.Equal(75, options.Current.Completion.DebounceMs);
        Assert.Same(options.Current, changed);
    }
}

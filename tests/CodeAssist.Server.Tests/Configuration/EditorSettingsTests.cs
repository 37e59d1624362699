using System.Text.Json;
using CodeAssist.Features.Configuration;
using CodeAssist.Server.Configuration;
using Xunit;

namespace CodeAssist.Server.Tests.Configuration;

public sealed class EditorSettingsTests
{
    private static CodeAssistOptions Apply(string json, out List<string> problems, CodeAssistOptions? baseOptions = null)
    {
        problems = [];
        return EditorSettings.Apply(baseOptions ?? new CodeAssistOptions(), JsonDocument.Parse(json).RootElement, problems);
    }

    [Fact]
    public void ValidSettings_Apply_FlatOrUnderACodeassistSection()
    {
        var flat = Apply("""{"model":"qwen.gguf","completion":{"debounceMs":20}}""", out var p1);
        var sectioned = Apply("""{"codeassist":{"model":"qwen.gguf","completion":{"debounceMs":20}}}""", out var p2);

        Assert.Empty(p1);
        Assert.Empty(p2);
        Assert.Equal("qwen.gguf", flat.Model);
        Assert.Equal(20, flat.Completion.DebounceMs);
        Assert.Equal(flat.Completion, sectioned.Completion);
        Assert.Equal(64, flat.Completion.MaxTokens); // untouched settings keep their defaults
    }

    [Fact]
    public void InvalidValue_IsNamed_AndTheRestStillApplies()
    {
        var options = Apply("""{"completion":{"debounceMs":"fast","maxTokens":12},"contextSize":"big","provider":"ollama"}""", out var problems);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("codeassist.completion.debounceMs:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("codeassist.contextSize:", StringComparison.Ordinal));
        Assert.Equal(75, options.Completion.DebounceMs);
        Assert.Equal(12, options.Completion.MaxTokens);
        Assert.Equal(4096, options.ContextSize);
        Assert.Equal("ollama", options.Provider);
    }

    [Fact]
    public void ClientOnlyKeys_AreIgnoredSilently()
    {
        var options = Apply("""{"trace":{"server":"verbose"},"somethingElse":1,"features":{"explain":{"model":"big"}}}""", out var problems);

        Assert.Empty(problems);
        Assert.Equal("info", options.Trace);
        Assert.Equal("big", options.Features["explain"].Model);
    }

    [Fact]
    public void EditorLayer_IsAppliedOnTheBaseOptions_NotOnThePreviousEditorLayer()
    {
        var serverOptions = new ServerOptions(new CodeAssistOptions { Model = "from-file.gguf" });

        serverOptions.ApplyEditorSettings(JsonDocument.Parse("""{"model":"from-editor.gguf"}""").RootElement);
        Assert.Equal("from-editor.gguf", serverOptions.Current.Model);

        serverOptions.ApplyEditorSettings(JsonDocument.Parse("""{"threads":2}""").RootElement);
        Assert.Equal("from-file.gguf", serverOptions.Current.Model);
        Assert.Equal(2, serverOptions.Current.Threads);
    }

    [Fact]
    public void NonObjectSettings_AreReported()
    {
        Apply("""{"codeassist":42}""", out var problems);

        Assert.Single(problems);
    }
}

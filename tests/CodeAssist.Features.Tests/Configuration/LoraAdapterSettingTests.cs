using System.Text.Json;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using Xunit;

namespace CodeAssist.Features.Tests.Configuration;

/// <summary>The loraAdapters setting: read from the editor into the local model's options, and refused when malformed.</summary>
public sealed class LoraAdapterSettingTests
{
    private static LoadedOptions Load(string editorJson) =>
        new OptionsLoader(_ => null).Load(new OptionsSources
        {
            UserSettingsPath = Path.Combine(Path.GetTempPath(), "codeassist-no-such-dir", "settings.json"),
            Editor = JsonDocument.Parse(editorJson).RootElement.Clone(),
            CommandLine = new Dictionary<string, string>(),
        });

    [Fact]
    public void Adapters_ReachTheModelOptions_WithTheirScales()
    {
        var loaded = Load("""{ "loraAdapters": [ { "path": "/m/style.gguf", "scale": 0.5 }, { "path": "/m/api.gguf" } ] }""");

        Assert.Empty(loaded.Problems);
        Assert.Equal(
            [new LoraAdapterOptions("/m/style.gguf", 0.5f), new LoraAdapterOptions("/m/api.gguf", 1f)],
            loaded.Options.ToLlmOptions("completion").LoraAdapters);
    }

    [Theory]
    [InlineData("""{ "loraAdapters": "/m/style.gguf" }""")]
    [InlineData("""{ "loraAdapters": [ { "scale": 1 } ] }""")]
    [InlineData("""{ "loraAdapters": [ { "path": "/m/a.gguf", "scale": "high" } ] }""")]
    public void MalformedAdapters_AreReportedAndIgnored(string editorJson)
    {
        var loaded = Load(editorJson);

        Assert.Contains(loaded.Problems, problem => problem.Contains("loraAdapters", StringComparison.Ordinal));
        Assert.Empty(loaded.Options.LoraAdapters);
    }
}

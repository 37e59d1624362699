using System.Text.Json;
using CodeAssist.Cli.Terminal;
using CodeAssist.Gguf;
using Xunit;

namespace CodeAssist.Cli.Tests.Assist;

/// <summary>
/// <c>codeassist models info</c> loads the configured local model for real (a generated chain model) and lists the
/// LoRA adapters applied to it, from a trusted workspace's settings.
/// </summary>
public sealed class ModelInfoCommandTests : IDisposable
{
    private static readonly ChainLink[] Chains = [new(["."], "Count;"), new(["="], "Size;")];

    private readonly string _folder = Directory.CreateTempSubdirectory("codeassist-models-info-").FullName;

    [Fact]
    public async Task Info_LocalModelWithAdapters_ListsTheirPathsAndScales()
    {
        var (model, adapter) = WriteModelAndAdapter();
        WriteSettings($$"""{ "model": {{JsonSerializer.Serialize(model)}}, "contextSize": 512, "loraAdapters": [ { "path": {{JsonSerializer.Serialize(adapter)}}, "scale": 0.5 } ] }""");
        using var cli = new CliHarness(CliLanguageModels.Create);

        var (exitCode, output, error) = await cli.RunAsync("models", "info", "--workspace", _folder, "--trust-workspace");

        Assert.True(exitCode == 0, error);
        Assert.Contains("(local)", output, StringComparison.Ordinal);
        Assert.Contains("LoRA adapters:\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"  {adapter} (scale 0.5)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfoJson_NoAdapters_AnEmptyList()
    {
        var (model, _) = WriteModelAndAdapter();
        WriteSettings($$"""{ "model": {{JsonSerializer.Serialize(model)}}, "contextSize": 512 }""");
        using var cli = new CliHarness(CliLanguageModels.Create);

        var (exitCode, output, error) = await cli.RunAsync("models", "info", "--json", "--workspace", _folder, "--trust-workspace");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var described = json.RootElement.GetProperty("model");
        Assert.Equal("local", described.GetProperty("provider").GetString());
        Assert.Equal(0, described.GetProperty("loraAdapters").GetArrayLength());
    }

    [Fact]
    public async Task Info_NoModelConfigured_ExitsModelUnavailable()
    {
        using var cli = new CliHarness(CliLanguageModels.Create);

        var (exitCode, _, error) = await cli.RunAsync("models", "info", "--workspace", _folder, "--provider", "openai");

        Assert.Equal(ExitCodes.ModelUnavailable, exitCode);
        Assert.NotEmpty(error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string Model, string Adapter) WriteModelAndAdapter()
    {
        var model = Path.Combine(_folder, "chain-base.gguf");
        var adapter = Path.Combine(_folder, "chain-size-lora.gguf");
        ChainModel.Build(Chains).WriteTo(model);
        ChainAdapter.Build(Chains, after: ".", write: "Size").WriteTo(adapter);
        return (model, adapter);
    }

    private void WriteSettings(string json) => File.WriteAllText(Path.Combine(_folder, ".codeassist.json"), json);
}

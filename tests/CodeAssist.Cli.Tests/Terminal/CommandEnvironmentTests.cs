using System.Text.Json;
using CodeAssist.Cli.Tests.Assist;
using Xunit;

namespace CodeAssist.Cli.Tests.Terminal;

/// <summary>
/// The commands that used to write to the process's console (complete, context, config, models) write to their
/// <see cref="CodeAssist.Cli.Terminal.CliEnvironment"/>: run in-process, everything they say is in the captured streams.
/// </summary>
public sealed class CommandEnvironmentTests : IDisposable
{
    // Line 6, column 22 ends "values.Cou".
    private const string Loose = """
        namespace Loose;

        public static class Counter
        {
            public static int Count(List<int> values) =>
                values.Cou
        }
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "codeassist-cli-env-" + Guid.NewGuid().ToString("N")[..8]);

    public CommandEnvironmentTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Complete_NoModel_RoslynSuggestionOnTheCommandsOutput()
    {
        var file = Write("Counter.cs", Loose);
        using var cli = new CliHarness();

        var (exitCode, output, error) = await cli.RunAsync("complete", file + ":6:19");

        Assert.True(exitCode == 0, error);
        Assert.Equal("nt", output.Trim());
    }

    [Fact]
    public async Task Complete_PositionOutsideTheFile_ErrorOnTheCommandsErrorStream()
    {
        var file = Write("Counter.cs", Loose);
        using var cli = new CliHarness();

        var (exitCode, output, error) = await cli.RunAsync("complete", file + ":40:1");

        Assert.Equal(3, exitCode);
        Assert.Equal("", output);
        Assert.Contains("codeassist complete: 40:1 is outside", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_LooseFile_RenderedContextOnTheCommandsOutput()
    {
        var file = Write("Counter.cs", Loose);
        using var cli = new CliHarness();

        var (exitCode, output, error) = await cli.RunAsync("context", file + ":6:19", "--json");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(file, json.RootElement.GetProperty("file").GetString());
        Assert.Contains("Counter", json.RootElement.GetProperty("renderedText").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_Json_SettingsOnTheCommandsOutput()
    {
        using var cli = new CliHarness();

        var (_, output, _) = await cli.RunAsync("config", "--json", "--workspace", _folder, "--provider", "ollama");

        using var json = JsonDocument.Parse(output);
        var provider = json.RootElement.GetProperty("settings").GetProperty("provider");
        Assert.Equal("ollama", provider.GetProperty("value").GetString());
        Assert.Equal("command line --provider", provider.GetProperty("source").GetString());
    }

    [Fact]
    public async Task ModelsList_CacheAndCatalogOnTheCommandsOutput()
    {
        using var cli = new CliHarness();

        var (exitCode, output, error) = await cli.RunAsync("models", "list");

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("Model cache: ", output, StringComparison.Ordinal);
        Assert.Contains("Known models", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}

using System.Text.Json;
using Xunit;

namespace CodeAssist.Cli.Tests.Process;

/// <summary><c>codeassist --version</c> and <c>codeassist config</c> as a user runs them: a real process, real files, real variables.</summary>
public sealed class ConfigProcessTests
{
    private const string Secret = "sk-test-0123456789abcdefSECRET";

    [Fact]
    public async Task Version_PrintsTheVersionAndExitsZero()
    {
        using var cli = new CodeAssistProcess();

        var run = await cli.RunAsync("--version");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("0.1.0", run.Out.Trim(), StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task ConfigJson_EverySourceLayered_LaterSourcesWinAndKeyStaysHidden()
    {
        using var cli = new CodeAssistProcess();
        Directory.CreateDirectory(Path.GetDirectoryName(cli.UserSettingsPath)!);
        File.WriteAllText(cli.UserSettingsPath, """{ "provider": "ollama", "model": "from-user", "contextSize": 2048 }""");
        var workspaceFile = cli.WriteFile(".codeassist.json", """{ "codeassist": { "model": "from-workspace", "trace": "debug" } }""");
        cli.Environment["CODEASSIST_MODEL"] = "from-env";
        cli.Environment["CODEASSIST_ENDPOINT"] = "http://127.0.0.1:11434";
        cli.Environment["OPENAI_API_KEY"] = Secret;

        var run = await cli.RunAsync("config", "--json", "--provider", "openai");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(Secret, run.Out + run.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var settings = root.GetProperty("settings");
        AssertSetting(settings, "provider", "openai", "command line --provider");
        AssertSetting(settings, "model", "from-env", "environment CODEASSIST_MODEL");
        AssertSetting(settings, "endpoint", "http://127.0.0.1:11434", "environment CODEASSIST_ENDPOINT");
        AssertSetting(settings, "trace", "debug", $"workspace {workspaceFile}");
        Assert.Equal(2048, settings.GetProperty("contextSize").GetProperty("value").GetInt32());
        Assert.Equal($"user settings {cli.UserSettingsPath}", settings.GetProperty("contextSize").GetProperty("source").GetString());
        Assert.Equal("default", settings.GetProperty("requestTimeoutSeconds").GetProperty("source").GetString());
        Assert.Equal(60, settings.GetProperty("requestTimeoutSeconds").GetProperty("value").GetInt32());
        Assert.Equal("OPENAI_API_KEY", root.GetProperty("apiKey").GetProperty("variable").GetString());
        Assert.True(root.GetProperty("apiKey").GetProperty("set").GetBoolean());
        Assert.Equal(cli.UserSettingsPath, root.GetProperty("userSettings").GetString());
        Assert.Equal(cli.ModelCacheDirectory, root.GetProperty("modelCache").GetString());
        Assert.Empty(root.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Config_InvalidEnvironmentValue_NamedInProblemsExitTwoAndTheRestApplies()
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile(".codeassist.json", """{ "contextSize": 8192, "apiKeyEnvironmentVariable": "MY_LLM_KEY" }""");
        cli.Environment["CODEASSIST_PROVIDER"] = "banana";
        cli.Environment["CODEASSIST_MODEL"] = "qwen2.5-coder:1.5b";
        cli.Environment["MY_LLM_KEY"] = Secret;

        // The key variable is a trusted-only setting: this folder is trusted for the run.
        var run = await cli.RunAsync("config", "--trust-workspace");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain(Secret, run.Out + run.Error, StringComparison.Ordinal);
        Assert.Contains("API key variable: MY_LLM_KEY is set (value hidden)", run.Out, StringComparison.Ordinal);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.TrimStart().StartsWith("provider ", StringComparison.Ordinal) && l.Contains("\"local\"", StringComparison.Ordinal) && l.TrimEnd().EndsWith("default", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("model ", StringComparison.Ordinal) && l.Contains("\"qwen2.5-coder:1.5b\"", StringComparison.Ordinal) && l.TrimEnd().EndsWith("environment CODEASSIST_MODEL", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("contextSize ", StringComparison.Ordinal) && l.Contains("8192", StringComparison.Ordinal));
        var problems = run.Out[run.Out.IndexOf("Problems (these values were skipped; the rest applies):", StringComparison.Ordinal)..];
        Assert.Contains("provider", problems, StringComparison.Ordinal);
        Assert.Contains("environment CODEASSIST_PROVIDER", problems, StringComparison.Ordinal);
        Assert.Contains("banana", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UntrustedFolder_ItsEndpointIsIgnoredAndNamed_UntilTrustedByFlagOrUserList()
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile(".codeassist.json", """{ "endpoint": "http://127.0.0.1:9/v1", "nativeLibraryPath": "lib/libllama.so", "contextSize": 8192 }""");
        cli.WriteFile("Short.cs", "class Short\n{\n    int Size() => 3;\n}");

        var untrusted = await cli.RunAsync("config", "--json");
        var explained = await cli.RunAsync("explain", "Short.cs:3");
        var flagged = await cli.RunAsync("config", "--json", "--trust-workspace");
        Directory.CreateDirectory(Path.GetDirectoryName(cli.UserSettingsPath)!);
        File.WriteAllText(cli.UserSettingsPath, $$"""{ "trustedFolders": [{{JsonSerializer.Serialize(cli.WorkingDirectory)}}] }""");
        var listed = await cli.RunAsync("config", "--json");

        using (var json = JsonDocument.Parse(untrusted.Out))
        {
            var settings = json.RootElement.GetProperty("settings");
            AssertSetting(settings, "endpoint", "", "default");
            Assert.Equal(8192, settings.GetProperty("contextSize").GetProperty("value").GetInt32());
            var notice = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray()).GetString();
            Assert.Contains("untrusted folder", notice, StringComparison.Ordinal);
            Assert.Contains("endpoint, nativeLibraryPath", notice, StringComparison.Ordinal);
            Assert.Contains("--trust-workspace", notice, StringComparison.Ordinal);
        }

        // The one-shot commands say it on stderr, once, and still answer.
        Assert.True(explained.ExitCode == 0, explained.ToString());
        Assert.Single(explained.Error.Split('\n'), l => l.Contains("untrusted folder", StringComparison.Ordinal));

        foreach (var trusted in new[] { flagged, listed })
        {
            using var json = JsonDocument.Parse(trusted.Out);
            AssertSetting(json.RootElement.GetProperty("settings"), "endpoint", "http://127.0.0.1:9/v1", $"workspace {Path.Combine(cli.WorkingDirectory, ".codeassist.json")}");
            Assert.Empty(json.RootElement.GetProperty("problems").EnumerateArray());
        }
    }

    private static void AssertSetting(JsonElement settings, string path, string value, string source)
    {
        var setting = settings.GetProperty(path);
        Assert.Equal(value, setting.GetProperty("value").GetString());
        Assert.Equal(source, setting.GetProperty("source").GetString());
    }
}

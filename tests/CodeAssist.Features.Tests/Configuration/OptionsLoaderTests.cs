using System.Text.Json;
using CodeAssist.Features.Configuration;
using Xunit;

namespace CodeAssist.Features.Tests.Configuration;

/// <summary>Options layering: defaults, user file, workspace file, environment, editor, command line.</summary>
public sealed class OptionsLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("codeassist-options-").FullName;
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string UserSettings => Path.Combine(_root, "config", "codeassist", "settings.json");

    private string Workspace => Path.Combine(_root, "repo");

    private OptionsLoader Loader => new(name => _environment.GetValueOrDefault(name));

    private void Write(string path, string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
    }

    private LoadedOptions Load(string? editorJson = null, Dictionary<string, string>? commandLine = null, bool? trusted = null) =>
        Loader.Load(new OptionsSources
        {
            WorkspaceTrusted = trusted,
            UserSettingsPath = UserSettings,
            WorkspaceRoot = Workspace,
            Editor = editorJson is null ? null : JsonDocument.Parse(editorJson).RootElement.Clone(),
            CommandLine = commandLine ?? [],
        });

    [Fact]
    public void NoSources_GivesDefaults()
    {
        var loaded = Load();

        Assert.Equal(new CodeAssistOptions().Provider, loaded.Options.Provider);
        Assert.Equal(75, loaded.Options.Completion.DebounceMs);
        Assert.Empty(loaded.Problems);
        Assert.Equal("default", loaded.SourceOf("provider"));
    }

    [Fact]
    public void LaterSourcesWin_AndEachValueKnowsItsSource()
    {
        Write(UserSettings, """
            // comments and trailing commas are fine
            { "provider": "ollama", "model": "qwen2.5-coder:1.5b", "completion": { "debounceMs": 120, "maxTokens": 48 }, "trace": "debug", }
            """);
        Write(Path.Combine(Workspace, ".codeassist.json"), """{ "model": "qwen2.5-coder:7b", "completion": { "debounceMs": 90 } }""");
        _environment["CODEASSIST_ENDPOINT"] = "http://127.0.0.1:11434";
        _environment["CODEASSIST_MODEL"] = "starcoder2:3b";

        var loaded = Load(
            editorJson: """{ "codeassist": { "completion": { "maxTokens": 32 }, "model": "codellama:7b-code" } }""",
            commandLine: new() { ["provider"] = "openai" });

        Assert.Empty(loaded.Problems);
        var options = loaded.Options;
        Assert.Equal("openai", options.Provider);
        Assert.Equal("codellama:7b-code", options.Model);
        Assert.Equal("http://127.0.0.1:11434", options.Endpoint);
        Assert.Equal(90, options.Completion.DebounceMs);
        Assert.Equal(32, options.Completion.MaxTokens);
        Assert.Equal("debug", options.Trace);
        Assert.Equal("command line --provider", loaded.SourceOf("provider"));
        Assert.Equal("editor", loaded.SourceOf("model"));
        Assert.Equal("environment CODEASSIST_ENDPOINT", loaded.SourceOf("endpoint"));
        Assert.Equal($"workspace {Path.Combine(Workspace, ".codeassist.json")}", loaded.SourceOf("completion.debounceMs"));
        Assert.Equal($"user settings {UserSettings}", loaded.SourceOf("trace"));
        Assert.Equal("default", loaded.SourceOf("contextSize"));
    }

    [Fact]
    public void InvalidValues_AreReportedWithTheSetting_AndTheRestStillApplies()
    {
        Write(UserSettings, """{ "completion": { "debounceMs": 100 }, "threads": 2 }""");
        Write(Path.Combine(Workspace, ".codeassist.json"), """
            { "provider": "gpt", "threads": "four", "completion": { "debounceMs": -5, "candidates": 3 }, "colour": "blue", "endpoint": "ftp://x" }
            """);

        // Trusted, so that provider and endpoint are checked rather than ignored as an untrusted folder's.
        var loaded = Load(trusted: true);

        Assert.Equal("local", loaded.Options.Provider);
        Assert.Equal(2, loaded.Options.Threads);
        Assert.Equal(100, loaded.Options.Completion.DebounceMs);
        Assert.Equal(3, loaded.Options.Completion.Candidates);
        Assert.Equal("", loaded.Options.Endpoint);
        Assert.Contains(loaded.Problems, p => p.Contains("`provider`", StringComparison.Ordinal) && p.Contains("must be one of local, openai, ollama", StringComparison.Ordinal) && p.Contains("\"gpt\"", StringComparison.Ordinal));
        Assert.Contains(loaded.Problems, p => p.Contains("`threads`", StringComparison.Ordinal) && p.Contains("whole number", StringComparison.Ordinal) && p.Contains("Keeping 2 from user settings", StringComparison.Ordinal));
        Assert.Contains(loaded.Problems, p => p.Contains("`completion.debounceMs`", StringComparison.Ordinal) && p.Contains("between 0 and 5000", StringComparison.Ordinal));
        Assert.Contains(loaded.Problems, p => p.Contains("Unknown setting 'colour'", StringComparison.Ordinal));
        Assert.Contains(loaded.Problems, p => p.Contains("`endpoint`", StringComparison.Ordinal) && p.Contains("http(s) URL", StringComparison.Ordinal));
        Assert.Equal(5, loaded.Problems.Count);
    }

    [Fact]
    public void MalformedFile_IsReportedAndIgnored()
    {
        Write(UserSettings, """{ "provider": "ollama", """);
        Write(Path.Combine(Workspace, ".codeassist.json"), """{ "trace": "warning" }""");

        var loaded = Load();

        Assert.Equal("local", loaded.Options.Provider);
        Assert.Equal("warning", loaded.Options.Trace);
        Assert.Contains(loaded.Problems, p => p.StartsWith($"Could not read user settings {UserSettings}", StringComparison.Ordinal));
    }

    [Fact]
    public void PerFeatureOverrides_FeedHybridModelSettings()
    {
        Write(UserSettings, """
            { "provider": "local", "model": "models/small.gguf",
              "features": { "explain": { "provider": "ollama", "model": "qwen2.5-coder:7b", "endpoint": "http://127.0.0.1:11434" },
                            "poetry": { "provider": "local" } } }
            """);

        var loaded = Load();
        var settings = loaded.Options.ToLanguageModelSettings();

        Assert.Equal(Path.Combine(_root, "config", "codeassist", "models", "small.gguf"), loaded.Options.Model);
        Assert.Equal("local", settings.For("completion").Provider);
        Assert.Equal("ollama", settings.For("explain").Provider);
        Assert.Equal("qwen2.5-coder:7b", settings.For("explain").Model);
        Assert.Equal(settings.Default, settings.For("fix"));
        Assert.Contains(loaded.Problems, p => p.Contains("'poetry' is not a feature", StringComparison.Ordinal));
    }

    [Fact]
    public void EditorSettings_AcceptVsCodeShapesAndDottedKeys()
    {
        var loaded = Load(editorJson: """{ "settings": { "codeassist": { "completion.enabled": false, "Provider": "OLLAMA ", "model": "m" } } }""");

        Assert.Empty(loaded.Problems);
        Assert.False(loaded.Options.Completion.Enabled);
        Assert.Equal("OLLAMA", loaded.Options.Provider);
        Assert.Equal("ollama", loaded.Options.ToLlmOptions("completion").Provider.ToLowerInvariant());
        Assert.Equal("editor", loaded.SourceOf("completion.enabled"));
    }

    [Fact]
    public void NullMeansUnset_AndAnEmptyOptionalPathMeansNone()
    {
        Write(UserSettings, """{ "model": "/m.gguf", "logFile": "/tmp/ca.log", "nativeLibraryPath": "/opt/libllama.so" }""");

        var loaded = Load(editorJson: """{ "model": null, "logFile": "", "nativeLibraryPath": null }""");

        Assert.Empty(loaded.Problems);
        Assert.Equal("/m.gguf", loaded.Options.Model);
        Assert.Null(loaded.Options.LogFile);
        Assert.Null(loaded.Options.NativeLibraryPath);
        Assert.Equal("editor", loaded.SourceOf("logFile"));
    }

    [Fact]
    public void EnvironmentNumbers_AndCommandLine_AreTypedAndValidated()
    {
        _environment["CODEASSIST_PROVIDER"] = "bogus";

        var loaded = Load(commandLine: new() { ["model"] = "/models/x.gguf", ["endpoint"] = "not a url at all" });

        Assert.Equal("local", loaded.Options.Provider);
        Assert.Equal("/models/x.gguf", loaded.Options.Model);
        Assert.Contains(loaded.Problems, p => p.Contains("`provider` from environment CODEASSIST_PROVIDER", StringComparison.Ordinal));
        Assert.Contains(loaded.Problems, p => p.Contains("`endpoint` from command line --endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void UserSettingsPath_FollowsXdgConfigHome()
    {
        _environment["XDG_CONFIG_HOME"] = "/xdg";
        Assert.Equal(Path.Combine("/xdg", "codeassist", "settings.json"), Loader.DefaultUserSettingsPath());

        _environment.Remove("XDG_CONFIG_HOME");
        _environment["HOME"] = "/home/u";
        Assert.Equal(Path.Combine("/home/u", ".config", "codeassist", "settings.json"), Loader.DefaultUserSettingsPath());
    }
}

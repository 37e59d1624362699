using CodeAssist.Llm;

namespace CodeAssist.Features.Configuration;

/// <summary>
/// Every setting of CodeAssist, shared by the server and the CLI. JSON names are the camelCase property names
/// (the same keys as VS Code's <c>codeassist.*</c> settings). Sources, later ones winning: defaults, user settings
/// file, workspace <c>.codeassist.json</c>, environment, editor (initializationOptions/didChangeConfiguration), CLI flags.
/// </summary>
public sealed record CodeAssistOptions
{
    /// <summary>local | openai | ollama. <value>local</value></summary>
    public string Provider { get; init; } = "local";

    /// <summary>GGUF path (local) or model name (remote). <value>empty: none configured</value></summary>
    public string Model { get; init; } = "";

    public string Endpoint { get; init; } = "";

    public string ApiKeyEnvironmentVariable { get; init; } = "OPENAI_API_KEY";

    /// <summary><value>0: physical cores minus one, at least one</value></summary>
    public int Threads { get; init; }

    public int ContextSize { get; init; } = 4096;

    public string FimFormat { get; init; } = "auto";

    /// <summary>Per-feature overrides (keys: completion, explain, fix, refactor, debug).</summary>
    public IReadOnlyDictionary<string, FeatureModelOptions> Features { get; init; } = new Dictionary<string, FeatureModelOptions>();

    public ContextOptions Context { get; init; } = new();

    public CompletionOptions Completion { get; init; } = new();

    public CacheOptions Cache { get; init; } = new();

    /// <summary>off | error | warning | info | debug | trace. <value>info</value></summary>
    public string Trace { get; init; } = "info";

    public string? LogFile { get; init; }

    /// <summary>The model settings for <paramref name="feature"/>: its override where set, else the defaults above.</summary>
    public LlmOptions ToLlmOptions(string feature)
    {
        Features.TryGetValue(feature, out var overrides);
        return new LlmOptions
        {
            Provider = string.IsNullOrEmpty(overrides?.Provider) ? Provider : overrides.Provider,
            Model = string.IsNullOrEmpty(overrides?.Model) ? Model : overrides.Model,
            Endpoint = string.IsNullOrEmpty(overrides?.Endpoint) ? Endpoint : overrides.Endpoint,
            ApiKeyEnvironmentVariable = ApiKeyEnvironmentVariable,
            Threads = Threads,
            ContextSize = ContextSize,
            FimFormat = FimFormat,
        };
    }
}

public sealed record FeatureModelOptions
{
    public string? Provider { get; init; }

    public string? Model { get; init; }

    public string? Endpoint { get; init; }
}

public sealed record ContextOptions
{
    /// <summary>Token budget of the Roslyn context in prompts. <value>1024</value></summary>
    public int BudgetTokens { get; init; } = 1024;
}

public sealed record CompletionOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Base debounce; adapted to typing speed and model latency. <value>75</value></summary>
    public int DebounceMs { get; init; } = 75;

    public int MaxTokens { get; init; } = 64;

    /// <summary><value>1</value> for local models.</summary>
    public int Candidates { get; init; } = 1;

    /// <summary>Check candidates with Roslyn before showing them. <value>true</value></summary>
    public bool Verify { get; init; } = true;

    public int VerifyBudgetMs { get; init; } = 150;

    public bool InCommentsAndStrings { get; init; }
}

public sealed record CacheOptions
{
    /// <summary>Entries kept in the in-memory response cache. <value>512</value></summary>
    public int MaxEntries { get; init; } = 512;
}

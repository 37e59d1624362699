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

    /// <summary>Remote infill: auto | infill (llama-server) | prompt (FIM-formatted) | suffix. <value>auto</value></summary>
    public string InfillMode { get; init; } = "auto";

    /// <summary>Ollama keep_alive. <value>30m</value></summary>
    public string KeepAlive { get; init; } = "30m";

    /// <summary>Time to the first byte of a remote answer, and the longest pause between streamed chunks. <value>60</value></summary>
    public int RequestTimeoutSeconds { get; init; } = 60;

    /// <summary>Redact keys, tokens and passwords from prompts sent to remote providers. <value>true</value></summary>
    public bool RedactSecrets { get; init; } = true;

    /// <summary>A user-built libllama for the local provider. <value>null: the bundled CPU build</value></summary>
    public string? NativeLibraryPath { get; init; }

    /// <summary>
    /// LoRA adapters (GGUF, llama.cpp format) applied to the local model: <c>[{ "path": "...", "scale": 1.0 }]</c>.
    /// Loads files, so a workspace may only set it once the folder is trusted. <value>empty</value>
    /// </summary>
    public IReadOnlyList<LoraAdapterOptions> LoraAdapters { get; init; } = [];

    /// <summary>Per-feature overrides (keys: completion, explain, fix, refactor, debug).</summary>
    public IReadOnlyDictionary<string, FeatureModelOptions> Features { get; init; } = new Dictionary<string, FeatureModelOptions>();

    public ContextOptions Context { get; init; } = new();

    public CompletionOptions Completion { get; init; } = new();

    public CacheOptions Cache { get; init; } = new();

    public RefactorOptions Refactor { get; init; } = new();

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
            InfillMode = InfillMode,
            KeepAlive = KeepAlive,
            RequestTimeout = TimeSpan.FromSeconds(Math.Max(1, RequestTimeoutSeconds)),
            RedactSecrets = RedactSecrets,
            NativeLibraryPath = NativeLibraryPath,
            LoraAdapters = LoraAdapters,
        };
    }

    /// <summary>The model settings of every feature, for <see cref="LanguageModels"/>.</summary>
    public LanguageModelSettings ToLanguageModelSettings()
    {
        var defaults = ToLlmOptions("");
        var features = LanguageModelSettings.KnownFeatures.Concat(Features.Keys).Distinct()
            .Select(f => (Feature: f, Options: ToLlmOptions(f)))
            .Where(p => p.Options != defaults)
            .ToDictionary(p => p.Feature, p => p.Options);
        return new LanguageModelSettings { Default = defaults, Features = features };
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

    /// <summary>
    /// Compiler-guided decoding: where the compiler knows the valid names (after <c>expr.</c>, after <c>new </c>), a
    /// local model may only write one of them, and a llama.cpp server gets them as a grammar. Verification still
    /// judges every suggestion. <value>true</value>
    /// </summary>
    public bool ConstrainIdentifiers { get; init; } = true;

    /// <summary>
    /// Target time to the first suggestion at a new place in the code. With a model of known speed (a local model
    /// measures its own), the prompt is made small enough to meet it; 0 always sends the full prompt. <value>1500</value>
    /// </summary>
    public int ColdLatencyMs { get; init; } = 1500;

    public bool InCommentsAndStrings { get; init; }
}

public sealed record CacheOptions
{
    /// <summary>Entries kept in the in-memory response cache. <value>512</value></summary>
    public int MaxEntries { get; init; } = 512;
}

public sealed record RefactorOptions
{
    /// <summary>
    /// Let model refactorings change public and protected signatures (the CLI's --allow-signature-changes).
    /// <value>false: a rewrite that changes the public API is refused</value>
    /// </summary>
    public bool AllowSignatureChanges { get; init; }
}

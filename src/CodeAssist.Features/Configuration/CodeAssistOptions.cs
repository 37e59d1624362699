using CodeAssist.Llm;
using CodeAssist.Llm.Providers;

namespace CodeAssist.Features.Configuration;

/// <summary>
/// Every setting of CodeAssist, shared by the server and the CLI. JSON names are the camelCase property names
/// (the same keys as VS Code's <c>codeassist.*</c> settings). Sources, later ones winning: defaults, user settings
/// file, workspace <c>.codeassist.json</c>, environment, editor (initializationOptions/didChangeConfiguration), CLI flags.
/// </summary>
public sealed record CodeAssistOptions
{
    // The model settings' defaults are LlmOptions' own: declared once, there, and only mapped here.
    private static readonly LlmOptions ModelDefaults = new();

    /// <summary>local | openai | ollama | llamacpp. <value>local</value></summary>
    public string Provider { get; init; } = ModelDefaults.Provider;

    /// <summary>GGUF path (local) or model name (remote). <value>empty: none configured</value></summary>
    public string Model { get; init; } = ModelDefaults.Model;

    public string Endpoint { get; init; } = ModelDefaults.Endpoint;

    public string ApiKeyEnvironmentVariable { get; init; } = ModelDefaults.ApiKeyEnvironmentVariable;

    /// <summary><value>0: physical cores minus one, at least one</value></summary>
    public int Threads { get; init; } = ModelDefaults.Threads;

    public int ContextSize { get; init; } = ModelDefaults.ContextSize;

    public string FimFormat { get; init; } = ModelDefaults.FimFormat;

    /// <summary>Remote infill: auto | infill (llama-server) | prompt (FIM-formatted) | suffix. <value>auto</value></summary>
    public string InfillMode { get; init; } = ModelDefaults.InfillMode;

    /// <summary>Ollama keep_alive. <value>30m</value></summary>
    public string KeepAlive { get; init; } = ModelDefaults.KeepAlive;

    /// <summary>Time to the first byte of a remote answer, and the longest pause between streamed chunks. <value>60</value></summary>
    public int RequestTimeoutSeconds { get; init; } = (int)ModelDefaults.RequestTimeout.TotalSeconds;

    /// <summary>Redact keys, tokens and passwords from prompts sent to remote providers. <value>true</value></summary>
    public bool RedactSecrets { get; init; } = ModelDefaults.RedactSecrets;

    /// <summary>
    /// The longest a local model may take to load (reading the file, creating the context, measuring its speed)
    /// before its status says it failed. <value>120</value>
    /// </summary>
    public int ModelLoadTimeoutSeconds { get; init; } = (int)ModelDefaults.LoadTimeout.TotalSeconds;

    /// <summary>
    /// Open documents larger than this (KiB of text) get no model features and only syntax diagnostics; they stay
    /// out of the Roslyn compilation. <value>2048</value>
    /// </summary>
    public int MaxDocumentSizeKb { get; init; } = 2048;

    /// <summary>A user-built libllama for the local provider. <value>null: the bundled CPU build</value></summary>
    public string? NativeLibraryPath { get; init; } = ModelDefaults.NativeLibraryPath;

    /// <summary>
    /// Extra headers for every request to the remote provider above, for gateways:
    /// <c>{ "api-key": { "env": "AZURE_OPENAI_KEY" } }</c>. Secret values come from environment variables.
    /// </summary>
    public IReadOnlyDictionary<string, HeaderOptions> Headers { get; init; } = new Dictionary<string, HeaderOptions>();

    /// <summary>Named providers for provider chains: <c>{ "team": { "provider": "openai", "endpoint": "..." } }</c>.</summary>
    public IReadOnlyDictionary<string, NamedProviderOptions> Providers { get; init; } = new Dictionary<string, NamedProviderOptions>();

    public RemoteOptions Remote { get; init; } = new();

    /// <summary>
    /// LoRA adapters (GGUF, llama.cpp format) applied to the local model: <c>[{ "path": "...", "scale": 1.0 }]</c>.
    /// Loads files, so a workspace may only set it once the folder is trusted. <value>empty</value>
    /// </summary>
    public IReadOnlyList<LoraAdapterOptions> LoraAdapters { get; init; } = ModelDefaults.LoraAdapters;

    /// <summary>Per-feature overrides (keys: completion, explain, fix, refactor, debug).</summary>
    public IReadOnlyDictionary<string, FeatureModelOptions> Features { get; init; } = new Dictionary<string, FeatureModelOptions>();

    public ContextOptions Context { get; init; } = new();

    public CompletionOptions Completion { get; init; } = new();

    public CacheOptions Cache { get; init; } = new();

    public RefactorOptions Refactor { get; init; } = new();

    /// <summary>off | error | warning | info | debug | trace. <value>info</value></summary>
    public string Trace { get; init; } = "info";

    public string? LogFile { get; init; }

    /// <summary>
    /// Gitignore-style globs of files whose text never reaches a model, on top of the built-in secrets patterns
    /// (.env*, *.pem, *.key, *.pfx, secrets.json) and the workspace's .codeassistignore. <value>empty</value>
    /// </summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>
    /// Folders (and their subfolders) whose .codeassist.json is obeyed in full; read from the user settings file
    /// only. VS Code uses its own Workspace Trust instead. <value>empty</value>
    /// </summary>
    public IReadOnlyList<string> TrustedFolders { get; init; } = [];

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
            LoadTimeout = TimeSpan.FromSeconds(Math.Max(1, ModelLoadTimeoutSeconds)),
            RedactSecrets = RedactSecrets,
            NativeLibraryPath = NativeLibraryPath,
            Headers = HeaderOptions.ToRequestHeaders(Headers),
            RemoteAllowed = Remote.Allowed,
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
        var chains = Features.Where(f => f.Value.Providers is { Count: > 0 })
            .ToDictionary(f => f.Key, f => ProviderChains.Resolve(this, f.Value.Providers!));
        return new LanguageModelSettings { Default = defaults, Features = features, Chains = chains };
    }
}

public sealed record FeatureModelOptions
{
    public string? Provider { get; init; }

    public string? Model { get; init; }

    public string? Endpoint { get; init; }

    /// <summary>An ordered provider chain (names from <c>providers</c>, or local); when set, the fields above are ignored.</summary>
    public IReadOnlyList<string>? Providers { get; init; }
}

public sealed record ContextOptions
{
    /// <summary>Token budget of the Roslyn context in prompts. <value>1024</value></summary>
    public int BudgetTokens { get; init; } = 1024;

    /// <summary>
    /// Token budget of the project digest (the declarations the project uses most) that starts every completion
    /// prompt when the model keeps a prompt cache (local, llama-server); 0 turns it off. <value>512</value>
    /// </summary>
    public int ProjectDigestTokens { get; init; } = 512;
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

    /// <summary>Time for the check; past it the candidate is withheld while the check goes on. <value>150</value></summary>
    public int VerifyBudgetMs { get; init; } = 150;

    /// <summary>
    /// Show a candidate whose check ran past its budget (marked unverified) instead of withholding it until the check
    /// finishes. <value>false</value>
    /// </summary>
    public bool ShowUnverified { get; init; }

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

    /// <summary>
    /// Time a remote model has for one inline completion; past it the request fails and counts against the server
    /// (three failures in a row: the status shows degraded and requests pause). Local models keep 10 s. <value>3000</value>
    /// </summary>
    public int RemoteTimeoutMs { get; init; } = 3000;

    public bool InCommentsAndStrings { get; init; }
}

public sealed record CacheOptions
{
    /// <summary>Entries kept in the in-memory response cache. <value>512</value></summary>
    public int MaxEntries { get; init; } = 512;

    /// <summary>
    /// The environment variable holding a Redis connection string (e.g. CODEASSIST_REDIS=cache.lan:6379); when
    /// set, answers are shared through Redis behind the in-memory cache. <value>null: no shared cache</value>
    /// </summary>
    public string? Redis { get; init; }
}

public sealed record RemoteOptions
{
    /// <summary>One switch that keeps everything local: false turns every remote provider off. <value>true</value></summary>
    public bool Allowed { get; init; } = true;
}

public sealed record RefactorOptions
{
    /// <summary>
    /// Let model refactorings change public and protected signatures (the CLI's --allow-signature-changes).
    /// <value>false: a rewrite that changes the public API is refused</value>
    /// </summary>
    public bool AllowSignatureChanges { get; init; }
}

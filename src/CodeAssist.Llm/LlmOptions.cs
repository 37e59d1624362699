using CodeAssist.Llm.Providers;

namespace CodeAssist.Llm;

/// <summary>
/// The model settings of one feature, resolved from the configuration (per-feature override or default). The defaults
/// here are the only declaration of them: Features' CodeAssistOptions takes its model settings' defaults from this record.
/// </summary>
public sealed record LlmOptions
{
    /// <summary>A name in <see cref="Registry.ProviderRegistry"/>: local, openai, ollama or llamacpp.</summary>
    public string Provider { get; init; } = "local";

    /// <summary>A GGUF path for local, a model name for remote providers; empty means none configured.</summary>
    public string Model { get; init; } = "";

    public string Endpoint { get; init; } = "";

    /// <summary>Name of the environment variable holding the API key; the key itself never enters settings or logs.</summary>
    public string ApiKeyEnvironmentVariable { get; init; } = "OPENAI_API_KEY";

    /// <summary>0 means physical cores minus one, at least one.</summary>
    public int Threads { get; init; }

    public int ContextSize { get; init; } = 4096;

    /// <summary>"auto" or a FIM template name (qwen2.5-coder, starcoder2, deepseek-coder, codellama, codestral).</summary>
    public string FimFormat { get; init; } = "auto";

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest a local model may take to load before its status is Failed. <value>120 s</value></summary>
    public TimeSpan LoadTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How a remote OpenAI-compatible server is asked for infill: "auto" (llama-server's /infill when the server is
    /// llama-server, else a FIM-formatted prompt when the model's template is known, else the <c>suffix</c> field),
    /// "infill", "prompt" or "suffix". Ollama: "suffix" uses its own template, anything else a raw FIM prompt.
    /// </summary>
    public string InfillMode { get; init; } = "auto";

    /// <summary>How long Ollama keeps the model loaded after a request. <value>30m</value></summary>
    public string KeepAlive { get; init; } = "30m";

    /// <summary>Redact secrets (keys, tokens, passwords) from prompts sent to remote providers. <value>true</value></summary>
    public bool RedactSecrets { get; init; } = true;

    /// <summary>Extra headers for every request to a remote server (gateways); secret values come from environment variables.</summary>
    public RequestHeaders Headers { get; init; } = RequestHeaders.None;

    /// <summary>False when <c>remote.allowed</c> is off: a remote provider then sends nothing. <value>true</value></summary>
    public bool RemoteAllowed { get; init; } = true;

    /// <summary>Optional path to a user-built libllama for LLamaSharp.</summary>
    public string? NativeLibraryPath { get; init; }

    /// <summary>LoRA adapters loaded on the local model, in order (other providers ignore them).</summary>
    public IReadOnlyList<LoraAdapterOptions> LoraAdapters { get; init; } = [];
}

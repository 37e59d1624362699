using CodeAssist.Llm.LlamaCpp;
using CodeAssist.Llm.Ollama;
using CodeAssist.Llm.OpenAi;

namespace CodeAssist.Llm.Registry;

/// <summary>
/// The one list of model providers. `local` is built in (a GGUF through <see cref="ILocalModelFactory"/>); every
/// other provider is a <see cref="RemoteProviderKind"/> registered here, one line each. Settings validation, the
/// CLI's `--provider` check and the VS Code settings enum (a tidy test) all read <see cref="Names"/>.
/// </summary>
public sealed class ProviderRegistry
{
    public const string Local = "local";

    private readonly Dictionary<string, RemoteProviderKind> _remote;

    internal ProviderRegistry(IEnumerable<RemoteProviderKind> remote)
    {
        _remote = remote.ToDictionary(kind => kind.Name, StringComparer.Ordinal);
        Names = [Local, .. _remote.Keys];
    }

    /// <summary>The providers this build knows. Register a new remote provider here.</summary>
    public static ProviderRegistry BuiltIn { get; } = new([
        OpenAiProvider.Kind,
        OllamaProvider.Kind,
        LlamaCppProvider.Kind,
    ]);

    /// <summary>Every valid `provider` value, `local` first.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether prompts sent to this provider leave the machine.</summary>
    public bool IsRemote(string provider) => _remote.ContainsKey(provider);

    /// <summary>"local, openai, ollama or llamacpp", for messages.</summary>
    public string NamesForMessages => string.Join(", ", Names.Take(Names.Count - 1)) + " or " + Names[^1];

    internal RemoteProviderKind? FindRemote(string provider) => _remote.GetValueOrDefault(provider);
}

using CodeAssist.Llm.Registry;

namespace CodeAssist.Llm.Ollama;

/// <summary>Ollama's native API (/api/generate with a suffix, /api/chat), local by default.</summary>
internal static class OllamaProvider
{
    public static RemoteProviderKind Kind { get; } = new(
        Name: "ollama",
        Label: "Ollama",
        ApiSuffix: "/api",
        DefaultEndpoint: "http://127.0.0.1:11434",
        EndpointExample: "http://127.0.0.1:11434",
        ModelExample: "qwen2.5-coder:1.5b",
        CreateCompletion: transport => new OllamaCompletionModel(transport),
        CreateChat: transport => new OllamaChatClient(transport));
}

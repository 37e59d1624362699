using CodeAssist.Llm.Registry;

namespace CodeAssist.Llm.OpenAi;

/// <summary>OpenAI-compatible servers: llama-server (with its /infill when detected), vLLM, LM Studio, OpenAI.</summary>
internal static class OpenAiProvider
{
    public static RemoteProviderKind Kind { get; } = new(
        Name: "openai",
        Label: "OpenAI-compatible server",
        ApiSuffix: "/v1",
        DefaultEndpoint: null,
        EndpointExample: "http://127.0.0.1:8080 (llama-server) or https://api.openai.com/v1",
        ModelExample: null,
        CreateCompletion: transport => new OpenAiCompletionModel(transport),
        CreateChat: transport => new OpenAiChatClient(transport));
}

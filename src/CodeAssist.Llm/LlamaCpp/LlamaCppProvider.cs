using CodeAssist.Llm.OpenAi;
using CodeAssist.Llm.Registry;

namespace CodeAssist.Llm.LlamaCpp;

/// <summary>
/// A llama.cpp server (llama-server) named as such: the same wire as <c>openai</c>, but known to be llama-server
/// without asking its /props, so infill goes to /infill and the identifier constraint at the caret goes along as a
/// GBNF grammar from the first request.
/// </summary>
internal static class LlamaCppProvider
{
    public static RemoteProviderKind Kind { get; } = new(
        Name: "llamacpp",
        Label: "llama.cpp server",
        ApiSuffix: "/v1",
        DefaultEndpoint: "http://127.0.0.1:8080",
        EndpointExample: "http://127.0.0.1:8080",
        ModelExample: null,
        CreateCompletion: transport => new OpenAiCompletionModel(transport, knownLlamaServer: true),
        CreateChat: transport => new OpenAiChatClient(transport));
}

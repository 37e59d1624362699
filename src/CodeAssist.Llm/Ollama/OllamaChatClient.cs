using System.Text.Json.Nodes;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Remote;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.Ollama;

/// <summary>IChatClient over Ollama's /api/chat with NDJSON streaming and keep_alive.</summary>
internal sealed class OllamaChatClient(ModelHttpTransport transport) : RemoteChatClient(transport, "ollama")
{
    protected override string ChatPath => "api/chat";

    protected override bool ServerSentEvents => false;

    protected override JsonObject CreateBody(JsonArray messages, string? model, ChatOptions? options)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = messages,
            ["stream"] = true,
            ["keep_alive"] = Transport.Options.KeepAlive,
            ["options"] = OllamaWire.ModelOptions(Transport.Options, options?.MaxOutputTokens, options?.Temperature, options?.StopSequences),
        };
        if (options?.Seed is { } seed)
        {
            body["options"]!["seed"] = seed;
        }

        if (ChatWire.OllamaFormat(options) is { } format)
        {
            body["format"] = format;
        }

        return body;
    }

    protected override IEnumerable<CompletionDelta> ParseEvent(JsonNode node, CandidateTracker tracker) => OllamaWire.ParseChat(node, tracker);
}

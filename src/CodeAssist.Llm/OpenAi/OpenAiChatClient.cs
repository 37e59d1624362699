using System.Text.Json.Nodes;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Remote;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.OpenAi;

/// <summary>
/// IChatClient over /v1/chat/completions with SSE streaming (the wire path is <see cref="RemoteChatClient"/>'s).
/// </summary>
internal sealed class OpenAiChatClient(ModelHttpTransport transport) : RemoteChatClient(transport, "openai")
{
    protected override string ChatPath => "v1/chat/completions";

    protected override bool ServerSentEvents => true;

    protected override JsonObject CreateBody(JsonArray messages, string? model, ChatOptions? options)
    {
        var body = new JsonObject
        {
            ["messages"] = messages,
            ["stream"] = true,
        };
        if (!string.IsNullOrEmpty(model))
        {
            body["model"] = model;
        }

        if (options?.MaxOutputTokens is { } maxTokens)
        {
            body["max_tokens"] = maxTokens;
        }

        if (options?.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        if (options?.TopP is { } topP)
        {
            body["top_p"] = topP;
        }

        if (options?.Seed is { } seed)
        {
            body["seed"] = seed;
        }

        if (ChatWire.OpenAiResponseFormat(options) is { } format)
        {
            body["response_format"] = format;
        }

        if (options?.StopSequences is { Count: > 0 } stop)
        {
            body["stop"] = new JsonArray(stop.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        return body;
    }

    protected override IEnumerable<CompletionDelta> ParseEvent(JsonNode node, CandidateTracker tracker)
    {
        if (node["usage"] is JsonObject usage)
        {
            tracker.PromptTokens = usage["prompt_tokens"]?.GetValue<int>() ?? tracker.PromptTokens;
            tracker.ReportedCompletionTokens = usage["completion_tokens"]?.GetValue<int>();
        }

        if (node["choices"] is not JsonArray choices)
        {
            yield break;
        }

        foreach (var choice in choices.OfType<JsonObject>())
        {
            var index = choice["index"]?.GetValue<int>() ?? 0;
            var text = choice["delta"]?["content"]?.GetValue<string>() ?? choice["message"]?["content"]?.GetValue<string>() ?? "";
            yield return new CompletionDelta(index, text, choice["finish_reason"]?.GetValue<string>());
        }
    }
}

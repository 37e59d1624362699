using System.Text.Json.Nodes;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Remote;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.OpenAi;

/// <summary>
/// IChatClient over /v1/chat/completions with SSE streaming. Non-streaming calls aggregate the stream, so there
/// is one wire path, and long answers stay protected by the idle timeout between chunks.
/// </summary>
internal sealed class OpenAiChatClient : IChatClient
{
    private readonly ModelHttpTransport _transport;
    private readonly ChatClientMetadata _metadata;

    public OpenAiChatClient(ModelHttpTransport transport)
    {
        _transport = transport;
        _metadata = new ChatClientMetadata("openai", transport.Root, transport.Options.Model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var wireMessages = ChatWire.Messages(messages, options);
        var model = options?.ModelId ?? _transport.Options.Model;
        var body = new JsonObject
        {
            ["messages"] = wireMessages,
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

        var chunks = StreamedCompletion.RunAsync(
            _transport, "v1/chat/completions", body, serverSentEvents: true, ParseEvent, timeLimit: null, ChatWire.EstimatePromptTokens(wireMessages), cancellationToken);
        return ChatWire.ToUpdatesAsync(chunks, string.IsNullOrEmpty(model) ? _transport.DisplayEndpoint : model, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The HttpClient belongs to the factory; nothing to release here.
    }

    private static IEnumerable<CompletionDelta> ParseEvent(JsonNode node, CandidateTracker tracker)
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

using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CodeAssist.Llm.Http;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.Remote;

/// <summary>The parts of the chat wire format that OpenAI and Ollama share: {role, content} messages and options.</summary>
internal static class ChatWire
{
    public static JsonArray Messages(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var array = new JsonArray();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            array.Add(Message("system", options.Instructions));
        }

        foreach (var message in messages)
        {
            array.Add(Message(message.Role.Value, message.Text));
        }

        return array;
    }

    /// <summary>OpenAI's response_format for JSON mode or a JSON schema; null for text.</summary>
    public static JsonObject? OpenAiResponseFormat(ChatOptions? options)
    {
        if (options?.ResponseFormat is not ChatResponseFormatJson json)
        {
            return null;
        }

        return json.Schema is { } schema
            ? new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = json.SchemaName ?? "response", ["schema"] = JsonNode.Parse(schema.GetRawText()) },
            }
            : new JsonObject { ["type"] = "json_object" };
    }

    /// <summary>Ollama's format: "json" or the schema itself; null for text.</summary>
    public static JsonNode? OllamaFormat(ChatOptions? options) =>
        options?.ResponseFormat is ChatResponseFormatJson json
            ? json.Schema is { } schema ? JsonNode.Parse(schema.GetRawText()) : JsonValue.Create("json")
            : null;

    public static int EstimatePromptTokens(JsonArray messages) =>
        messages.Sum(m => TokenEstimator.Estimate(m?["content"]?.GetValue<string>()) + 4);

    /// <summary>Turns completion chunks into chat updates; the final chunk becomes the finish reason and usage.</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> ToUpdatesAsync(
        IAsyncEnumerable<CompletionChunk> chunks, string modelId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var responseId = Guid.NewGuid().ToString("N");
        var any = false;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            if (chunk.Text.Length == 0 && chunk.Usage is { FinishReason: not CompletionFinishReason.Length } && !any)
            {
                // A chat answer without a single character is the server failing, not an answer (it must not be cached).
                throw new ModelRequestException($"The model server answered with an empty answer (model {modelId}).");
            }

            if (chunk.Text.Length > 0)
            {
                any = true;
                yield return new ChatResponseUpdate(ChatRole.Assistant, chunk.Text) { ModelId = modelId, ResponseId = responseId };
            }

            if (chunk.Usage is { } usage)
            {
                var details = new UsageDetails
                {
                    InputTokenCount = usage.PromptTokens,
                    OutputTokenCount = usage.GeneratedTokens,
                    TotalTokenCount = usage.PromptTokens + usage.GeneratedTokens,
                };
                yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(details)])
                {
                    ModelId = modelId,
                    ResponseId = responseId,
                    FinishReason = usage.FinishReason == CompletionFinishReason.Length ? ChatFinishReason.Length : ChatFinishReason.Stop,
                };
            }
        }
    }

    private static JsonObject Message(string role, string content) => new()
    {
        ["role"] = role,
        ["content"] = content,
    };
}

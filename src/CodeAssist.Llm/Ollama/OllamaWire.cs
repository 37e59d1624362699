using System.Text.Json.Nodes;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Remote;

namespace CodeAssist.Llm.Ollama;

/// <summary>Ollama's NDJSON format: {"response"|"message":{"content"}, "done", "done_reason", "prompt_eval_count", "eval_count"}.</summary>
internal static class OllamaWire
{
    public static JsonObject ModelOptions(LlmOptions options, int? maxTokens, float? temperature, IEnumerable<string>? stop)
    {
        var result = new JsonObject { ["num_ctx"] = options.ContextSize };
        if (maxTokens is { } max)
        {
            result["num_predict"] = max;
        }

        if (temperature is { } value)
        {
            result["temperature"] = value;
        }

        var stops = stop?.ToArray() ?? [];
        if (stops.Length > 0)
        {
            result["stop"] = new JsonArray(stops.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        return result;
    }

    public static IEnumerable<CompletionDelta> ParseGenerate(JsonNode node, CandidateTracker tracker) =>
        Parse(node, tracker, node["response"]?.GetValue<string>());

    public static IEnumerable<CompletionDelta> ParseChat(JsonNode node, CandidateTracker tracker) =>
        Parse(node, tracker, node["message"]?["content"]?.GetValue<string>());

    private static IEnumerable<CompletionDelta> Parse(JsonNode node, CandidateTracker tracker, string? text)
    {
        var done = node["done"]?.GetValue<bool>() ?? false;
        if (done)
        {
            tracker.PromptTokens = node["prompt_eval_count"]?.GetValue<int>() ?? tracker.PromptTokens;
            tracker.ReportedCompletionTokens = node["eval_count"]?.GetValue<int>();
        }

        var reason = done ? node["done_reason"]?.GetValue<string>() ?? "stop" : null;
        yield return new CompletionDelta(0, text ?? "", reason);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using CodeAssist.Llm.Redaction;

namespace CodeAssist.Server.Client;

/// <summary>
/// The parameters of a request as `$/logTrace` shows them at verbose: document text (didOpen's text, didChange's
/// changes, any "text" field) is replaced by its length, and what remains is redacted. A trace goes to the editor's
/// output panel, which users paste into bug reports; it must never carry the code or a secret in it.
/// </summary>
internal static class TraceText
{
    public static string? Describe(JsonElement? parameters)
    {
        if (parameters is not { } element)
        {
            return null;
        }

        var node = JsonNode.Parse(element.GetRawText());
        WithoutText(node);
        return SecretRedactor.Redact(node?.ToJsonString() ?? "null");
    }

    private static void WithoutText(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name is "text" or "newText" or "content" or "contents" && value is JsonValue text && text.TryGetValue<string>(out var s))
                    {
                        obj[name] = $"({s.Length} characters)";
                    }
                    else
                    {
                        WithoutText(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    WithoutText(item);
                }

                break;
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using CodeAssist.Features.Configuration;
using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Configuration;

/// <summary>
/// Layers the editor's settings (initializationOptions, didChangeConfiguration) over the options from the other
/// sources. Each setting is applied on its own, so one invalid value is reported by name and the rest still apply.
/// </summary>
public static class EditorSettings
{
    /// <param name="settings">Either the CodeAssist object itself or an object with a <c>codeassist</c> section.</param>
    /// <param name="problems">One sentence per rejected setting, naming it as <c>codeassist.a.b</c>.</param>
    public static CodeAssistOptions Apply(CodeAssistOptions baseOptions, JsonElement? settings, List<string> problems)
    {
        if (settings is not { ValueKind: JsonValueKind.Object } root)
        {
            return baseOptions;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.Equals("codeassist", StringComparison.OrdinalIgnoreCase))
            {
                root = property.Value;
                break;
            }
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add("codeassist settings must be an object; they were ignored.");
            return baseOptions;
        }

        var merged = JsonSerializer.SerializeToNode(baseOptions, LspJson.Options)!.AsObject();
        var incoming = JsonNode.Parse(root.GetRawText())!.AsObject();
        Merge(merged, merged, incoming, "codeassist", problems);
        return merged.Deserialize<CodeAssistOptions>(LspJson.Options) ?? baseOptions;
    }

    private static void Merge(JsonObject document, JsonObject target, JsonObject incoming, string path, List<string> problems)
    {
        foreach (var (name, value) in incoming.ToList())
        {
            var settingPath = $"{path}.{name}";
            var key = target.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                // VS Code sends every key of the section, including the client's own (e.g. trace.server): not ours.
                continue;
            }

            if (key == "trace" && value is JsonObject)
            {
                // codeassist.trace.server is the editor's message tracing, handled by the client library.
                continue;
            }

            if (target[key] is JsonObject nested && value is JsonObject nestedIncoming && key != "features")
            {
                Merge(document, nested, nestedIncoming, settingPath, problems);
                continue;
            }

            var previous = target[key];
            target[key] = value?.DeepClone();
            try
            {
                document.Deserialize<CodeAssistOptions>(LspJson.Options);
            }
            catch (JsonException exception)
            {
                target[key] = previous;
                problems.Add($"{settingPath}: {Describe(value)} is not a valid value ({Reason(exception)}); keeping {Describe(previous)}.");
            }
        }
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    private static string Reason(JsonException exception)
    {
        var message = exception.Message;
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}

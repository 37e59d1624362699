using System.Text.Json;
using System.Text.Json.Nodes;
using CodeAssist.Llm.Redaction;

namespace CodeAssist.Features.Configuration;

/// <summary>One effective setting for display: its path, its value as JSON text (secrets masked) and its source.</summary>
public sealed record EffectiveSetting(string Path, string Value, string Source);

/// <summary>Flattens loaded options for <c>codeassist config</c> and for logs.</summary>
public static class EffectiveSettings
{
    public static IReadOnlyList<EffectiveSetting> Flatten(LoadedOptions loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var root = JsonSerializer.SerializeToNode(loaded.Options, SettingsSchema.JsonOptions)!.AsObject();
        var result = new List<EffectiveSetting>();
        Walk(root, "", loaded, result);
        return result;
    }

    /// <summary>Command-line flags as settings paths, for <see cref="OptionsSources.CommandLine"/>; null flags are left out.</summary>
    public static IReadOnlyDictionary<string, string> CommandLine(string? provider, string? model, string? endpoint)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(provider))
        {
            flags["provider"] = provider;
        }

        if (!string.IsNullOrWhiteSpace(model))
        {
            flags["model"] = model;
        }

        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            flags["endpoint"] = endpoint;
        }

        return flags;
    }

    private static void Walk(JsonObject obj, string prefix, LoadedOptions loaded, List<EffectiveSetting> result)
    {
        foreach (var (key, value) in obj)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject child)
            {
                Walk(child, path, loaded, result);
                continue;
            }

            // The API key is never in settings, but a URL with user:password@ or a token pasted by mistake could be.
            var text = value is null ? "null" : SecretRedactor.Redact(value.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            result.Add(new EffectiveSetting(path, text, loaded.SourceOf(path)));
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CodeAssist.Features.Configuration;

/// <summary>
/// The schema of the map-shaped model settings that <see cref="SettingsSchema"/> cannot read from the defaults:
/// named <c>providers</c>, request <c>headers</c> (a map taken whole, since header names contain dots and dashes)
/// and a feature's <c>providers</c> chain.
/// </summary>
internal static partial class ProviderSettings
{
    private static readonly string[] ProviderLeaves = ["provider", "model", "endpoint", "apiKeyEnvironmentVariable", "headers"];

    /// <summary>True for a headers object: it is one setting, not a section to walk into.</summary>
    public static bool IsMap(IReadOnlyList<string> path) =>
        string.Equals(path[^1], "headers", StringComparison.OrdinalIgnoreCase)
        && (path.Count == 1 || (path.Count == 3 && string.Equals(path[0], "providers", StringComparison.OrdinalIgnoreCase)));

    public static string? Canonical(IReadOnlyList<string> path)
    {
        if (path.Count == 1 && string.Equals(path[0], "headers", StringComparison.OrdinalIgnoreCase))
        {
            return "headers";
        }

        if (path.Count != 3 || !string.Equals(path[0], "providers", StringComparison.OrdinalIgnoreCase) || !NamePattern().IsMatch(path[1]))
        {
            return null;
        }

        var leaf = ProviderLeaves.FirstOrDefault(l => string.Equals(l, path[2], StringComparison.OrdinalIgnoreCase));
        return leaf is null ? null : $"providers.{path[1].ToLowerInvariant()}.{leaf}";
    }

    /// <summary>Null when <paramref name="value"/> suits the <c>providers.name.leaf</c> setting, else what is wrong.</summary>
    public static string? Check(string path, JsonNode? value, Func<JsonNode, string?> providerRule, Func<JsonNode, string?> urlRule)
    {
        if (value is null)
        {
            return null;
        }

        if (path.EndsWith(".headers", StringComparison.Ordinal))
        {
            return CheckHeaders(value);
        }

        if (SettingsSchema.AsString(value) is null)
        {
            return "must be a string";
        }

        return path.EndsWith(".provider", StringComparison.Ordinal) ? providerRule(value)
            : path.EndsWith(".endpoint", StringComparison.Ordinal) ? urlRule(value)
            : null;
    }

    /// <summary>A headers map: header name to <c>{ "env": "VARIABLE" }</c> or <c>{ "value": "text" }</c>.</summary>
    public static string? CheckHeaders(JsonNode value)
    {
        if (value is not JsonObject headers)
        {
            return "must be an object such as { \"api-key\": { \"env\": \"AZURE_OPENAI_KEY\" } }";
        }

        foreach (var (name, header) in headers)
        {
            if (!HeaderNamePattern().IsMatch(name))
            {
                return $"has an invalid header name '{name}'";
            }

            var env = header is JsonObject h ? h["env"] : null;
            var literal = header is JsonObject l ? l["value"] : null;
            var valid = header is JsonObject o && o.Count == 1
                && ((env is JsonValue e && e.GetValueKind() == JsonValueKind.String && EnvironmentPattern().IsMatch(e.GetValue<string>()))
                    || (literal is JsonValue v && v.GetValueKind() == JsonValueKind.String));
            if (!valid)
            {
                return $"header '{name}' must be {{ \"env\": \"VARIABLE_NAME\" }} or {{ \"value\": \"text\" }}";
            }
        }

        return null;
    }

    /// <summary>A chain: a non-empty list of provider names.</summary>
    public static string? CheckNames(JsonNode value) =>
        value is JsonArray names && names.Count > 0 && names.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String && NamePattern().IsMatch(v.GetValue<string>()))
            ? null
            : "must be a list of provider names such as [\"team\", \"local\"]";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$")]
    private static partial Regex HeaderNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentPattern();
}

using System.Text.Json;
using System.Text.Json.Nodes;
using CodeAssist.Llm;
using CodeAssist.Llm.Fim;
using CodeAssist.Llm.Registry;

namespace CodeAssist.Features.Configuration;

/// <summary>
/// What each setting may hold. Types come from the defaults (so a new property of CodeAssistOptions is known
/// without being listed here); the rules below add allowed values and ranges.
/// </summary>
internal static class SettingsSchema
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly string[] Providers = [.. ProviderRegistry.BuiltIn.Names];

    private static readonly Dictionary<string, Func<JsonNode, string?>> Rules = new(StringComparer.Ordinal)
    {
        ["provider"] = OneOf(Providers),
        ["fimFormat"] = OneOf(["auto", .. FimTemplates.Names]),
        ["infillMode"] = OneOf(["auto", "infill", "prompt", "suffix"]),
        ["trace"] = OneOf(["off", "error", "warning", "info", "debug", "trace"]),
        ["endpoint"] = HttpUrl,
        ["threads"] = Range(0, 1024),
        ["contextSize"] = Range(256, 1 << 20),
        ["requestTimeoutSeconds"] = Range(1, 3600),
        ["modelLoadTimeoutSeconds"] = Range(1, 3600),
        ["maxDocumentSizeKb"] = Range(1, 1 << 20),
        ["context.budgetTokens"] = Range(0, 1 << 20),
        ["context.projectDigestTokens"] = Range(0, 8192),
        ["completion.debounceMs"] = Range(0, 5000),
        ["completion.maxTokens"] = Range(1, 4096),
        ["completion.candidates"] = Range(1, 8),
        ["completion.verifyBudgetMs"] = Range(0, 60_000),
        ["completion.coldLatencyMs"] = Range(0, 60_000),
        ["completion.remoteTimeoutMs"] = Range(100, 60_000),
        ["cache.maxEntries"] = Range(0, 1_000_000),
        ["cache.redis"] = EnvironmentVariableName,
        ["headers"] = ProviderSettings.CheckHeaders,
        ["loraAdapters"] = LoraAdapterList,
    };

    /// <summary>Settings whose default is null, so their type cannot be read from the defaults.</summary>
    private static readonly HashSet<string> NullableStrings = ["logFile", "nativeLibraryPath", "cache.redis"];

    public static bool IsNullable(string path) => NullableStrings.Contains(path);

    /// <summary>Every leaf setting with its default value.</summary>
    public static JsonObject Defaults() => (JsonObject)JsonSerializer.SerializeToNode(new CodeAssistOptions(), JsonOptions)!;

    /// <summary>The canonical path of a setting (case-insensitive match against the known ones), or null when unknown.</summary>
    public static string? Canonical(JsonObject defaults, IReadOnlyList<string> path)
    {
        if (ProviderSettings.Canonical(path) is { } provider)
        {
            return provider;
        }

        if (path.Count == 3 && string.Equals(path[0], "features", StringComparison.OrdinalIgnoreCase))
        {
            var leaf = new[] { "provider", "model", "endpoint", "providers" }.FirstOrDefault(l => string.Equals(l, path[2], StringComparison.OrdinalIgnoreCase));
            return leaf is null ? null : $"features.{path[1].ToLowerInvariant()}.{leaf}";
        }

        JsonNode? node = defaults;
        var names = new List<string>();
        foreach (var segment in path)
        {
            if (node is not JsonObject obj)
            {
                return null;
            }

            var match = obj.FirstOrDefault(p => string.Equals(p.Key, segment, StringComparison.OrdinalIgnoreCase));
            if (match.Key is null)
            {
                return null;
            }

            names.Add(match.Key);
            node = match.Value;
        }

        // Objects are sections, not settings: only their leaves can be set.
        return node is JsonObject ? null : string.Join('.', names);
    }

    /// <summary>Null when <paramref name="value"/> is acceptable for <paramref name="path"/>, else what is wrong with it.</summary>
    public static string? Check(JsonObject defaults, string path, JsonNode? value)
    {
        if (path.StartsWith("features.", StringComparison.Ordinal))
        {
            var feature = path.Split('.')[1];
            if (!LanguageModelSettings.KnownFeatures.Contains(feature))
            {
                return $"'{feature}' is not a feature; use one of {string.Join(", ", LanguageModelSettings.KnownFeatures)}";
            }

            if (value is null)
            {
                return null;
            }

            if (path.EndsWith(".providers", StringComparison.Ordinal))
            {
                return ProviderSettings.CheckNames(value);
            }

            var text = AsString(value);
            if (text is null)
            {
                return "must be a string";
            }

            return path.EndsWith(".provider", StringComparison.Ordinal) ? OneOf(Providers)(value)
                : path.EndsWith(".endpoint", StringComparison.Ordinal) ? HttpUrl(value)
                : null;
        }

        if (path.StartsWith("providers.", StringComparison.Ordinal))
        {
            return ProviderSettings.Check(path, value, OneOf(Providers), HttpUrl);
        }

        var expected = DefaultAt(defaults, path);
        if (value is null)
        {
            return NullableStrings.Contains(path) ? null : "must not be null";
        }

        var kind = expected?.GetValueKind() ?? (NullableStrings.Contains(path) ? JsonValueKind.String : JsonValueKind.Undefined);
        var typeError = kind switch
        {
            JsonValueKind.String when AsString(value) is null => "must be a string",
            JsonValueKind.Number when value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number || !number.TryGetValue<int>(out _) => "must be a whole number",
            JsonValueKind.True or JsonValueKind.False when value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False) => "must be true or false",
            // A list with a rule of its own (loraAdapters) holds objects; the rule checks it.
            JsonValueKind.Array when !Rules.ContainsKey(path) && (value is not JsonArray list || list.Any(item => item is null || AsString(item) is null)) => "must be a list of strings",
            _ => null,
        };
        return typeError ?? (Rules.TryGetValue(path, out var rule) ? rule(value) : null);
    }

    /// <summary>Turns text from the environment or the command line into the setting's JSON type.</summary>
    public static JsonNode? FromText(JsonObject defaults, string path, string text)
    {
        var expected = DefaultAt(defaults, path);
        return expected?.GetValueKind() switch
        {
            JsonValueKind.Number when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            JsonValueKind.True or JsonValueKind.False when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
            _ => JsonValue.Create(text),
        };
    }

    public static JsonNode? DefaultAt(JsonObject defaults, string path)
    {
        JsonNode? node = defaults;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }

    private static string? EnvironmentVariableName(JsonNode value) =>
        AsString(value) is { } name && System.Text.RegularExpressions.Regex.IsMatch(name.Trim(), "^[A-Za-z_][A-Za-z0-9_]*$")
            ? null
            : "must name an environment variable (e.g. CODEASSIST_REDIS) that holds the connection string";

    internal static string? AsString(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static Func<JsonNode, string?> OneOf(string[] allowed) => value =>
    {
        var text = AsString(value);
        return text is not null && allowed.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase) ? null : $"must be one of {string.Join(", ", allowed)}";
    };

    private static string? LoraAdapterList(JsonNode value) =>
        value is JsonArray adapters && adapters.All(adapter => adapter is JsonObject entry
            && entry["path"] is JsonValue path && path.GetValueKind() == JsonValueKind.String && path.GetValue<string>().Trim().Length > 0
            && (entry["scale"] is null || (entry["scale"] is JsonValue scale && scale.GetValueKind() == JsonValueKind.Number)))
            ? null
            : "must be a list of { \"path\": \"adapter.gguf\", \"scale\": 1.0 }";

    private static Func<JsonNode, string?> Range(int min, int max) => value =>
        value is JsonValue v && v.TryGetValue<int>(out var number) && number >= min && number <= max ? null : $"must be between {min} and {max}";

    private static string? HttpUrl(JsonNode value)
    {
        var text = AsString(value)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        return Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? null
            : "must be an http(s) URL such as http://127.0.0.1:11434";
    }
}

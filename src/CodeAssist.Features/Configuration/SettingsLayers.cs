using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeAssist.Features.Configuration;

/// <summary>The merged settings as JSON, with the source of every value and the problems met so far.</summary>
internal sealed class SettingsLayers
{
    private readonly JsonObject _merged;

    public SettingsLayers(JsonObject defaults)
    {
        Defaults = defaults;
        _merged = (JsonObject)defaults.DeepClone();
    }

    public JsonObject Defaults { get; }

    public Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    public List<string> Problems { get; } = [];

    /// <summary>Settings that an untrusted folder tried to set (see <see cref="SettingTrust"/>), in the order met.</summary>
    public List<string> IgnoredUntrusted { get; } = [];

    /// <summary>
    /// Applies one source's object; nested objects and dotted keys ("completion.debounceMs") both work. With an
    /// <paramref name="untrustedFolder"/>, only what <see cref="SettingTrust"/> allows such a folder is applied.
    /// </summary>
    public void Apply(JsonObject settings, string source, string? baseDirectory, bool isUserFile = false, string? untrustedFolder = null)
    {
        foreach (var (path, value) in Leaves(settings, []))
        {
            var canonical = SettingsSchema.Canonical(Defaults, path);
            if (canonical is null)
            {
                Problems.Add($"Unknown setting '{string.Join('.', path)}' in {source}; it is ignored.");
                continue;
            }

            var resolved = ResolvePath(canonical, value, baseDirectory);
            if (SettingTrust.LevelOf(canonical) == SettingTrustLevel.UserFileOnly && !isUserFile)
            {
                Problems.Add($"Setting `{canonical}` is read from the user settings file only; the value from {source} is ignored.");
                continue;
            }

            if (untrustedFolder is not null && !SettingTrust.AllowsFromUntrustedFolder(Defaults, canonical, resolved, untrustedFolder))
            {
                if (!IgnoredUntrusted.Contains(canonical))
                {
                    IgnoredUntrusted.Add(canonical);
                }

                continue;
            }

            Set(canonical, resolved, source);
        }
    }

    /// <summary>The strings of a list setting as merged so far.</summary>
    public IReadOnlyList<string> GetStrings(string path) =>
        Get(path) is JsonArray list ? [.. list.OfType<JsonValue>().Select(v => v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "")] : [];

    public void Set(string path, JsonNode? value, string source)
    {
        // null means "not set here" (editors send it for cleared values); for an optional path, so does "".
        if (value is null && !SettingsSchema.IsNullable(path) && !path.StartsWith("features.", StringComparison.Ordinal) && !path.StartsWith("providers.", StringComparison.Ordinal))
        {
            return;
        }

        if (SettingsSchema.IsNullable(path) && value is JsonValue empty && empty.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(empty.GetValue<string>()))
        {
            value = null;
        }

        if (SettingsSchema.Check(Defaults, path, value) is { } problem)
        {
            // A header map may hold a pasted secret: it is named, never echoed.
            var got = path.EndsWith("headers", StringComparison.Ordinal) ? "a value not shown" : Describe(value);
            Problems.Add($"Setting `{path}` from {source} {problem}; got {got}. Keeping {Describe(Get(path))} from {Sources.GetValueOrDefault(path, "default")}.");
            return;
        }

        var segments = path.Split('.');
        var parent = _merged;
        foreach (var segment in segments[..^1])
        {
            if (parent[segment] is not JsonObject child)
            {
                child = [];
                parent[segment] = child;
            }

            parent = child;
        }

        parent[segments[^1]] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? JsonValue.Create(v.GetValue<string>().Trim()) : value?.DeepClone();
        Sources[path] = source;
    }

    public CodeAssistOptions Build()
    {
        try
        {
            return _merged.Deserialize<CodeAssistOptions>(SettingsSchema.JsonOptions) ?? new CodeAssistOptions();
        }
        catch (JsonException exception)
        {
            // Values are checked one by one before this; reaching here is a bug, which must not stop the server.
            Problems.Add($"The settings could not be applied ({exception.Message}); using defaults.");
            return new CodeAssistOptions();
        }
    }

    private JsonNode? Get(string path)
    {
        JsonNode? node = _merged;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }

    private static IEnumerable<(string[] Path, JsonNode? Value)> Leaves(JsonObject obj, string[] prefix)
    {
        foreach (var (key, value) in obj)
        {
            var path = prefix.Concat(key.Split('.')).ToArray();
            if (value is JsonObject child && !ProviderSettings.IsMap(path))
            {
                foreach (var leaf in Leaves(child, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, value);
            }
        }
    }

    // A relative GGUF path or log file in a settings file is relative to that file, not to the process directory.
    private static JsonNode? ResolvePath(string path, JsonNode? value, string? baseDirectory)
    {
        var isPathSetting = path is "logFile" or "nativeLibraryPath" || path == "model"
            || ((path.StartsWith("features.", StringComparison.Ordinal) || path.StartsWith("providers.", StringComparison.Ordinal)) && path.EndsWith(".model", StringComparison.Ordinal));
        if (baseDirectory is null || !isPathSetting || value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return value;
        }

        var text = v.GetValue<string>().Trim();
        var looksLikeFile = path is "logFile" or "nativeLibraryPath" || text.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);
        return looksLikeFile && text.Length > 0 && !Path.IsPathRooted(text) && !text.StartsWith('~')
            ? JsonValue.Create(Path.GetFullPath(Path.Combine(baseDirectory, text)))
            : value;
    }

    private static string Describe(JsonNode? value) => value is null ? "null" : value.ToJsonString();
}

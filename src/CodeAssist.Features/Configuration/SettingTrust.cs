using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeAssist.Features.Configuration;

/// <summary>
/// Which settings an untrusted folder's <c>.codeassist.json</c> may set. Every setting is classified here, next to
/// <see cref="SettingsSchema"/>, and a test fails when a new setting is not: the safe answer for a setting that
/// loads code, sends data somewhere or lowers a protection is <see cref="SettingTrustLevel.TrustedOnly"/>.
/// </summary>
internal static class SettingTrust
{
    private static readonly Dictionary<string, SettingTrustLevel> Levels = new(StringComparer.Ordinal)
    {
        // Where code goes and with which credentials.
        ["provider"] = SettingTrustLevel.TrustedOnly,
        ["endpoint"] = SettingTrustLevel.TrustedOnly,
        ["apiKeyEnvironmentVariable"] = SettingTrustLevel.TrustedOnly,
        ["features.*.provider"] = SettingTrustLevel.TrustedOnly,
        ["features.*.endpoint"] = SettingTrustLevel.TrustedOnly,
        ["features.*.providers"] = SettingTrustLevel.TrustedOnly,
        ["headers"] = SettingTrustLevel.TrustedOnly,
        ["cache.redis"] = SettingTrustLevel.TrustedOnly,
        // Either way it changes where code goes; a folder cannot even narrow it, so a user's false is never undone.
        ["remote.allowed"] = SettingTrustLevel.TrustedOnly,
        ["redactSecrets"] = SettingTrustLevel.SafeValueOnly,

        // What runs or is written on this machine.
        ["nativeLibraryPath"] = SettingTrustLevel.TrustedOnly,
        ["model"] = SettingTrustLevel.PathInsideFolder,
        ["features.*.model"] = SettingTrustLevel.PathInsideFolder,
        ["logFile"] = SettingTrustLevel.TrustedOnly,
        ["loraAdapters"] = SettingTrustLevel.TrustedOnly,

        // What is kept from the model, and who is trusted: a folder must not widen either.
        ["exclude"] = SettingTrustLevel.TrustedOnly,
        ["trustedFolders"] = SettingTrustLevel.UserFileOnly,
        ["completion.verify"] = SettingTrustLevel.SafeValueOnly,
        ["completion.showUnverified"] = SettingTrustLevel.SafeValueOnly,

        // Tuning: a hostile value costs time or quality, never data or control.
        ["threads"] = SettingTrustLevel.Any,
        ["contextSize"] = SettingTrustLevel.Any,
        ["fimFormat"] = SettingTrustLevel.Any,
        ["infillMode"] = SettingTrustLevel.Any,
        ["keepAlive"] = SettingTrustLevel.Any,
        ["requestTimeoutSeconds"] = SettingTrustLevel.Any,
        ["context.budgetTokens"] = SettingTrustLevel.Any,
        ["context.projectDigestTokens"] = SettingTrustLevel.Any,
        ["completion.enabled"] = SettingTrustLevel.Any,
        ["completion.debounceMs"] = SettingTrustLevel.Any,
        ["completion.maxTokens"] = SettingTrustLevel.Any,
        ["completion.candidates"] = SettingTrustLevel.Any,
        ["completion.verifyBudgetMs"] = SettingTrustLevel.Any,
        ["completion.coldLatencyMs"] = SettingTrustLevel.Any,
        ["completion.inCommentsAndStrings"] = SettingTrustLevel.Any,
        ["cache.maxEntries"] = SettingTrustLevel.Any,
        ["trace"] = SettingTrustLevel.Any,
        ["completion.remoteTimeoutMs"] = SettingTrustLevel.Any,
        ["completion.constrainIdentifiers"] = SettingTrustLevel.Any,
        ["maxDocumentSizeKb"] = SettingTrustLevel.Any,
        ["modelLoadTimeoutSeconds"] = SettingTrustLevel.Any,

        // A team's API policy for model refactorings; every edit is still compiled and shown before it applies.
        ["refactor.allowSignatureChanges"] = SettingTrustLevel.Any,
    };

    /// <summary>The level of a canonical setting path; an unclassified one is trusted-only (and fails the tidy test).</summary>
    public static SettingTrustLevel LevelOf(string path) =>
        Levels.TryGetValue(Pattern(path), out var level) ? level : SettingTrustLevel.TrustedOnly;

    public static bool IsClassified(string path) => Levels.ContainsKey(Pattern(path));

    /// <summary>Whether an untrusted folder rooted at <paramref name="folder"/> may give <paramref name="path"/> this value.</summary>
    public static bool AllowsFromUntrustedFolder(JsonObject defaults, string path, JsonNode? value, string folder) => LevelOf(path) switch
    {
        SettingTrustLevel.Any => true,
        SettingTrustLevel.SafeValueOnly => value is not null && JsonNode.DeepEquals(value, SettingsSchema.DefaultAt(defaults, path)),
        SettingTrustLevel.PathInsideFolder => IsNameOrInside(value, folder),
        _ => false,
    };

    private static string Pattern(string path)
    {
        var segments = path.Split('.');
        return segments.Length == 3 && segments[0] == "features" ? $"features.*.{segments[2]}" : path;
    }

    // A model name ("qwen2.5-coder:7b", a catalog name) is looked up by the user's own cache or server; a path must
    // stay inside the folder, following links, so a repository cannot point at a file elsewhere on the machine.
    private static bool IsNameOrInside(JsonNode? value, string folder)
    {
        if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            return value is null;
        }

        var model = text.GetValue<string>().Trim();
        var looksLikePath = Path.IsPathRooted(model) || model.StartsWith('~') || model.Contains('/', StringComparison.Ordinal)
            || model.Contains('\\', StringComparison.Ordinal) || model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);
        if (!looksLikePath)
        {
            return true;
        }

        if (model.StartsWith('~'))
        {
            return false;
        }

        try
        {
            var full = Path.GetFullPath(Path.Combine(folder, model));
            var target = File.Exists(full) ? File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full : full;
            return IsUnder(target, folder);
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or inside it (compared as full paths).</summary>
    public static bool IsUnder(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return string.Equals(full, root, comparison)
            || full.StartsWith(root + Path.DirectorySeparatorChar, comparison);
    }
}

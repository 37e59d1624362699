using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeAssist.Features.Configuration;

/// <summary>
/// Builds the effective <see cref="CodeAssistOptions"/> from its sources, later ones winning: defaults, the user
/// settings file, the workspace's <c>.codeassist.json</c>, environment variables, the editor, command-line flags.
/// Each value is checked where it is read: an invalid one is reported with its setting and source and skipped,
/// so the value from an earlier source stays. Loading never throws for bad input.
/// </summary>
public sealed class OptionsLoader
{
    public const string WorkspaceFileName = ".codeassist.json";

    /// <summary>How the notice about an untrusted folder's ignored settings starts (clients and tests look for it).</summary>
    public const string UntrustedNoticeStart = "Ignored settings from the untrusted folder";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly (string Variable, string Path)[] EnvironmentVariables =
    [
        ("CODEASSIST_PROVIDER", "provider"),
        ("CODEASSIST_MODEL", "model"),
        ("CODEASSIST_ENDPOINT", "endpoint"),
    ];

    private readonly Func<string, string?> _environment;

    public OptionsLoader(Func<string, string?>? environment = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>$XDG_CONFIG_HOME/codeassist/settings.json, else ~/.config/codeassist/settings.json.</summary>
    public string DefaultUserSettingsPath()
    {
        var configHome = _environment("XDG_CONFIG_HOME");
        if (string.IsNullOrWhiteSpace(configHome) || !Path.IsPathRooted(configHome))
        {
            var home = _environment("HOME");
            configHome = Path.Combine(string.IsNullOrWhiteSpace(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home, ".config");
        }

        return Path.Combine(configHome, "codeassist", "settings.json");
    }

    public LoadedOptions Load(OptionsSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var layers = new SettingsLayers(SettingsSchema.Defaults());

        var userPath = sources.UserSettingsPath ?? DefaultUserSettingsPath();
        ApplyFile(layers, userPath, $"user settings {userPath}", isUserFile: true);
        var trusted = true;
        if (!string.IsNullOrEmpty(sources.WorkspaceRoot))
        {
            var root = Path.GetFullPath(sources.WorkspaceRoot);
            trusted = sources.WorkspaceTrusted ?? IsInTrustedFolders(layers.GetStrings("trustedFolders"), root);
            var workspacePath = Path.Combine(root, WorkspaceFileName);
            ApplyFile(layers, workspacePath, $"workspace {workspacePath}", untrustedFolder: trusted ? null : root);
            if (layers.IgnoredUntrusted.Count > 0)
            {
                layers.Problems.Add(
                    $"{UntrustedNoticeStart} {root}: {string.Join(", ", layers.IgnoredUntrusted)} (from its {WorkspaceFileName}). "
                    + "A folder can use them to run code, send your code elsewhere or lower a protection. To apply them, trust the folder: "
                    + $"in VS Code, trust the workspace; in Neovim, run :CodeAssistTrust; for the CLI, pass --trust-workspace or add the folder to `trustedFolders` in {userPath}.");
            }
        }

        foreach (var (variable, path) in EnvironmentVariables)
        {
            if (_environment(variable) is { Length: > 0 } value)
            {
                layers.Set(path, SettingsSchema.FromText(layers.Defaults, path, value), $"environment {variable}");
            }
        }

        if (sources.Editor is { ValueKind: JsonValueKind.Object } editor)
        {
            layers.Apply(Unwrap(JsonNode.Parse(editor.GetRawText())!.AsObject()), "editor", baseDirectory: null);
        }

        foreach (var (path, value) in sources.CommandLine)
        {
            var canonical = SettingsSchema.Canonical(layers.Defaults, path.Split('.'));
            if (canonical is null)
            {
                layers.Problems.Add($"Unknown setting '{path}' from the command line.");
                continue;
            }

            layers.Set(canonical, SettingsSchema.FromText(layers.Defaults, canonical, value), $"command line --{path}");
        }

        return new LoadedOptions(layers.Build(), layers.Sources, layers.Problems)
        {
            WorkspaceTrusted = trusted,
            IgnoredUntrusted = layers.IgnoredUntrusted,
        };
    }

    /// <summary>Settings with no trust classification (see SettingTrust); a tidy test keeps this empty.</summary>
    public static IReadOnlyList<string> UnclassifiedSettings()
    {
        var paths = new List<string>();
        void Walk(JsonObject node, string prefix)
        {
            foreach (var (key, value) in node)
            {
                var path = prefix + key;
                if (value is JsonObject child && key != "features")
                {
                    Walk(child, path + ".");
                }
                else if (key != "features")
                {
                    paths.Add(path);
                }
            }
        }

        Walk(SettingsSchema.Defaults(), "");
        paths.AddRange(new[] { "provider", "model", "endpoint" }.Select(leaf => $"features.completion.{leaf}"));
        return [.. paths.Where(p => !SettingTrust.IsClassified(p))];
    }

    /// <summary>True when <paramref name="folder"/> is one of <paramref name="trustedFolders"/> or inside one (~ is the home folder).</summary>
    public bool IsInTrustedFolders(IReadOnlyList<string> trustedFolders, string folder)
    {
        ArgumentNullException.ThrowIfNull(trustedFolders);
        var home = _environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        foreach (var entry in trustedFolders)
        {
            var trimmed = entry.Trim();
            var expanded = trimmed == "~" ? home : trimmed.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, trimmed[2..]) : trimmed;

            // A relative entry has no meaning that the user could have checked; it trusts nothing.
            if (expanded.Length > 0 && Path.IsPathRooted(expanded) && SettingTrust.IsUnder(folder, expanded))
            {
                return true;
            }
        }

        return false;
    }

    private static void ApplyFile(SettingsLayers layers, string path, string source, bool isUserFile = false, string? untrustedFolder = null)
    {
        if (!File.Exists(path))
        {
            return;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path), documentOptions: DocumentOptions);
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            layers.Problems.Add($"Could not read {source}: {exception.Message} The file is ignored.");
            return;
        }

        if (node is not JsonObject obj)
        {
            layers.Problems.Add($"{source} must hold a JSON object; it is ignored.");
            return;
        }

        layers.Apply(Unwrap(obj), source, Path.GetDirectoryName(path), isUserFile, untrustedFolder);
    }

    /// <summary>Accepts {"codeassist": {...}} and {"settings": {"codeassist": {...}}} (VS Code's shapes) as well as the bare object.</summary>
    private static JsonObject Unwrap(JsonObject obj)
    {
        foreach (var wrapper in new[] { "settings", "codeassist" })
        {
            if (obj.Count == 1 && obj.FirstOrDefault().Key is { } key && string.Equals(key, wrapper, StringComparison.OrdinalIgnoreCase) && obj[key] is JsonObject inner)
            {
                obj = inner;
            }
        }

        return obj;
    }
}

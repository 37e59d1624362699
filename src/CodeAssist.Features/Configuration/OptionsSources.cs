using System.Text.Json;

namespace CodeAssist.Features.Configuration;

/// <summary>Where settings come from besides defaults and the environment; the server and the CLI fill in what they have.</summary>
public sealed record OptionsSources
{
    /// <summary>The workspace folder holding <c>.codeassist.json</c>, if any.</summary>
    public string? WorkspaceRoot { get; init; }

    /// <summary>
    /// The client's word on whether the user trusts <see cref="WorkspaceRoot"/> (VS Code's Workspace Trust, the CLI's
    /// --trust-workspace). Null: trusted only when it is in the user settings' <c>trustedFolders</c>.
    /// </summary>
    public bool? WorkspaceTrusted { get; init; }

    /// <summary>Overrides the user settings file location (tests); default $XDG_CONFIG_HOME or ~/.config /codeassist/settings.json.</summary>
    public string? UserSettingsPath { get; init; }

    /// <summary>initializationOptions or didChangeConfiguration settings from the editor.</summary>
    public JsonElement? Editor { get; init; }

    /// <summary>Command-line flags by setting path: provider, model, endpoint.</summary>
    public IReadOnlyDictionary<string, string> CommandLine { get; init; } = new Dictionary<string, string>();
}

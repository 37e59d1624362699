using CodeAssist.Features.Configuration;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// The settings of a CLI command, loaded the one way every command shares: user file, the workspace's
/// .codeassist.json (in full only when the folder is trusted: listed in <c>trustedFolders</c> or --trust-workspace),
/// environment, flags.
/// </summary>
internal static class CliSettings
{
    public const string TrustWorkspaceFlag = "--trust-workspace";

    // Per invocation rather than per process, so in-process test runs in parallel do not see each other's flag.
    private static readonly AsyncLocal<bool> TrustFlag = new();

    /// <summary>Set by <see cref="CommandRunner"/> from --trust-workspace, which every command accepts.</summary>
    public static bool TrustWorkspace
    {
        get => TrustFlag.Value;
        set => TrustFlag.Value = value;
    }

    /// <summary>The client's trust for <see cref="OptionsSources.WorkspaceTrusted"/>: the flag, else the user's list decides.</summary>
    public static bool? WorkspaceTrusted => TrustWorkspace ? true : null;

    public static LoadedOptions Load(string? workspaceRoot, IReadOnlyDictionary<string, string>? commandLine = null) =>
        new OptionsLoader().Load(new OptionsSources
        {
            WorkspaceRoot = workspaceRoot,
            CommandLine = commandLine ?? new Dictionary<string, string>(),
            WorkspaceTrusted = WorkspaceTrusted,
        });
}

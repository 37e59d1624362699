namespace CodeAssist.Features.Configuration;

/// <summary>
/// The effective settings, where each came from (setting path such as "completion.debounceMs" -> "workspace
/// /repo/.codeassist.json"), and the problems found; a bad value is skipped and the rest still applies.
/// </summary>
public sealed record LoadedOptions(CodeAssistOptions Options, IReadOnlyDictionary<string, string> Sources, IReadOnlyList<string> Problems)
{
    /// <summary>Whether the workspace folder's own settings were obeyed in full (true when there is no folder).</summary>
    public bool WorkspaceTrusted { get; init; } = true;

    /// <summary>The settings of the untrusted folder's .codeassist.json that were ignored, by path.</summary>
    public IReadOnlyList<string> IgnoredUntrusted { get; init; } = [];

    public string SourceOf(string path) => Sources.TryGetValue(path, out var source) ? source : "default";
}

namespace CodeAssist.Features.Configuration;

/// <summary>
/// The effective settings, where each came from (setting path such as "completion.debounceMs" -> "workspace
/// /repo/.codeassist.json"), and the problems found; a bad value is skipped and the rest still applies.
/// </summary>
public sealed record LoadedOptions(CodeAssistOptions Options, IReadOnlyDictionary<string, string> Sources, IReadOnlyList<string> Problems)
{
    public string SourceOf(string path) => Sources.TryGetValue(path, out var source) ? source : "default";
}

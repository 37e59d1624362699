namespace CodeAssist.Features.Names;

/// <summary>A model's answer with every code name in it checked against the workspace.</summary>
/// <param name="RawText">The answer as the model wrote it.</param>
/// <param name="Mentions">Each mention of a name, in text order.</param>
/// <param name="Names">The distinct names, in order of first mention.</param>
public sealed record CheckedAnswer(string RawText, IReadOnlyList<NameMention> Mentions, IReadOnlyList<CheckedName> Names)
{
    /// <summary>The answer had no names to check (or was not checked): rendering it gives the raw text.</summary>
    public static CheckedAnswer Unchecked(string text) => new(text, [], []);

    public int UnresolvedCount => Names.Count(name => !name.Resolved);

    /// <summary>
    /// The line to put above an answer that names many things the workspace does not have (three or more, or a third
    /// of its names), or null.
    /// </summary>
    public string? Warning => UnresolvedCount >= 3 || (UnresolvedCount > 0 && UnresolvedCount * 3 >= Names.Count)
        ? $"> **Warning:** {UnresolvedCount} of the {Names.Count} code names in this answer were not found in this workspace; check them before relying on it."
        : null;
}

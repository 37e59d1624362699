namespace CodeAssist.Context.Collection;

/// <summary>One source type of a project, as <see cref="ProjectTypeIndex"/> keeps it.</summary>
/// <param name="Popularity">How many of the project's files mention the name, on a log scale in [0, 1].</param>
internal sealed record TypeEntry(
    string Name,
    string Namespace,
    string Head,
    string GroupKey,
    SourceLocation? Location,
    IReadOnlyList<string> Files,
    TypeFlags Flags,
    IReadOnlyList<string> BaseNames,
    double Popularity);

namespace CodeAssist.Context.Collection;

/// <summary>
/// A context item before budgeting. Items that share a <see cref="Group"/> (the members of one type) render under one
/// header, which costs tokens once, when the first of them is taken.
/// </summary>
internal sealed record ContextCandidate(ContextItemKind Kind, string Text, double Score, SourceLocation? Location)
{
    public string? Group { get; init; }

    public string? GroupHeader { get; init; }

    /// <summary>A key that makes two candidates the same (a type reached both as receiver and as cross-file type).</summary>
    public string? Key { get; init; }

    /// <summary>Opens its group without adding a line: a type worth naming even when none of its members fit.</summary>
    public bool IsHeaderOnly { get; init; }

    /// <summary>The cheap fallback for a member whose signature did not fit: its name in an "also:" line.</summary>
    public bool IsNameOnly { get; init; }
}

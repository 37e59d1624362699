using CodeAssist.Context;
using CodeAssist.Server.Text;

namespace CodeAssist.Server.Documents;

/// <summary>The outcome of a didChange: the new snapshot and its edits, or why the change was ignored.</summary>
public sealed record DocumentChangeResult(DocumentSnapshot? Snapshot, IReadOnlyList<DocumentTextChange> Edits, string? IgnoredReason)
{
    public bool IsApplied => Snapshot is not null;

    public static DocumentChangeResult Applied(DocumentSnapshot snapshot, IReadOnlyList<DocumentTextChange> edits) =>
        new(snapshot, edits, null);

    public static DocumentChangeResult Ignored(string reason) => new(null, [], reason);
}

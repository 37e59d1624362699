using CodeAssist.Context;

namespace CodeAssist.Features.Common;

/// <summary>The edit of one file: changes in offsets of <paramref name="OldText"/>, and both texts for diffs and previews.</summary>
public sealed record FileEdit(string FilePath, IReadOnlyList<DocumentTextChange> Changes, string OldText, string NewText);

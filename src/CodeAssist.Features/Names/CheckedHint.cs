using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Names;

/// <summary>
/// The short explanation a model gives with a fix or a refactoring, checked like an explanation: its names are
/// looked up in the document as it will be once the edit is applied (a fix may add the member its hint names).
/// </summary>
internal static class CheckedHint
{
    public static async Task<CheckedAnswer?> CheckAsync(Document edited, TextSpan editedSpan, string? hint, CancellationToken cancellationToken) =>
        hint is null ? null : await AnswerChecker.CheckAsync(edited, editedSpan, hint, cancellationToken).ConfigureAwait(false);

    /// <summary>The hint as shown: found names followed by their file and line, unknown ones flagged.</summary>
    public static string? Render(CheckedAnswer? check) => check is null ? null : CheckedAnswerRenderer.RenderPlain(check);

    /// <summary>
    /// A title names too few characters for the flags, so a title whose hint names unknown code says how many: the
    /// editor's code action list is often all a user reads before applying.
    /// </summary>
    public static string TitleNote(CheckedAnswer? check) => check is { UnresolvedCount: > 0 } found
        ? $" ({found.UnresolvedCount} name{(found.UnresolvedCount == 1 ? "" : "s")} not found in this workspace)"
        : "";
}

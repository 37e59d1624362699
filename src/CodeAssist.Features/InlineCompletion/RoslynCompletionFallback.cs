using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Step 6, with no model: Roslyn's own completion list, reduced to the single best member or keyword for the word
/// being typed. With nothing typed yet only a preselected item (e.g. the expected enum member) is worth ghost text.
/// </summary>
internal static class RoslynCompletionFallback
{
    public static async Task<InlineCompletionItem?> GetAsync(Document document, int position, string id, CancellationToken cancellationToken)
    {
        var service = CompletionService.GetService(document);
        if (service is null)
        {
            return null;
        }

        var list = await service.GetCompletionsAsync(document, position, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (list.ItemsList.Count == 0)
        {
            return null;
        }

        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var typed = text.ToString(TextSpan.FromBounds(list.Span.Start, position));
        CompletionItem? best;
        if (typed.Length == 0)
        {
            best = list.ItemsList.FirstOrDefault(item => item.Rules.MatchPriority == MatchPriority.Preselect);
        }
        else
        {
            var filtered = service.FilterItems(document, [.. list.ItemsList], typed);
            best = filtered.IsDefaultOrEmpty ? null : filtered[0];
        }

        if (best is null)
        {
            return null;
        }

        var change = await service.GetChangeAsync(document, best, commitCharacter: null, cancellationToken).ConfigureAwait(false);
        var edit = change.TextChange;
        var insert = edit.NewText ?? "";

        // Ghost text only extends what is typed; an item that rewrites the typed word differently is a list item, not ghost text.
        if (edit.Span.End != position || insert.Length <= typed.Length
            || !insert.StartsWith(text.ToString(edit.Span), StringComparison.Ordinal))
        {
            return null;
        }

        return new InlineCompletionItem(id, insert, edit.Span.Start, edit.Span.End, VerificationState.FromCompiler, InlineCompletionSource.Roslyn);
    }
}

using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Answers a keystroke from the suggestion already on screen: when the only change since it was made is that the
/// user typed its first characters at its caret, the rest of it is still right (and still verified: the document
/// with the whole suggestion applied is the same one).
/// </summary>
internal static class TypingThrough
{
    /// <summary>The remaining items, or null when the text changed any other way.</summary>
    public static IReadOnlyList<InlineCompletionItem>? TryContinue(ShownSuggestion? shown, SourceText text, int position)
    {
        if (shown is null)
        {
            return null;
        }

        var typed = position - shown.Position;
        if (typed < 0 || text.Length != shown.Text.Length + typed || !SameOutside(shown, text, typed))
        {
            return null;
        }

        var typedText = text.ToString(new TextSpan(shown.Position, typed));
        var remaining = new List<InlineCompletionItem>();
        foreach (var item in shown.Items)
        {
            if (item.ReplaceStart == shown.Position && item.ReplaceEnd == shown.Position
                && item.InsertText.Length > typed && item.InsertText.StartsWith(typedText, StringComparison.Ordinal))
            {
                remaining.Add(item with
                {
                    InsertText = item.InsertText[typed..],
                    ReplaceStart = position,
                    ReplaceEnd = position,
                    Source = typed == 0 ? item.Source : InlineCompletionSource.TypingThrough,
                });
            }
        }

        return remaining.Count > 0 ? remaining : null;
    }

    /// <summary>Text before the old caret and after the typed characters is unchanged (a full scan: microseconds for a 50k file).</summary>
    internal static bool SameOutside(ShownSuggestion shown, SourceText text, int typed)
    {
        var old = shown.Text;

        // Texts derived from one another by didChange know their change ranges: no scan needed.
        var changes = text.GetChangeRanges(old);
        if (changes.Count == 0)
        {
            return typed == 0;
        }

        if (changes.Count == 1 && changes[0] is var change && change.Span.Start == shown.Position && change.Span.Length == 0
            && change.NewLength == typed)
        {
            return true;
        }

        for (var index = 0; index < shown.Position; index++)
        {
            if (old[index] != text[index])
            {
                return false;
            }
        }

        for (var index = shown.Position; index < old.Length; index++)
        {
            if (old[index] != text[index + typed])
            {
                return false;
            }
        }

        return true;
    }
}

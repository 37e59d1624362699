using System.Collections.Concurrent;
using CodeAssist.Features.Common;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Cuts the prefix and suffix windows around the caret to token budgets. The prefix starts on every
/// <see cref="LineSnap"/>-th line so that, while the user types, the prompt text before the caret stays byte-identical
/// and a local model's KV cache reuses it: only the tokens of the edited line are evaluated again.
/// </summary>
internal sealed class PromptWindow
{
    public const int LineSnap = 16;

    private const int MaxMemoEntries = 4096;

    // Tokens kept for the line being typed, which is not counted while it changes.
    private const int MaxLineReserve = 32;

    private readonly Func<string, int> countTokens;

    // Chunk token counts by text: the same 16-line chunks are counted on every keystroke otherwise.
    private readonly ConcurrentDictionary<string, int> chunkTokens = new(StringComparer.Ordinal);

    private readonly bool redactSecrets;

    /// <param name="redactSecrets">
    /// Cut the windows from the redacted document (for a remote model): secrets are found on the whole document first,
    /// so a window never holds part of one. A local model keeps the text on the machine and skips the scan.
    /// </param>
    public PromptWindow(Func<string, int> countTokens, bool redactSecrets = true)
    {
        this.countTokens = countTokens;
        this.redactSecrets = redactSecrets;
    }

    /// <summary>
    /// Whole lines before the caret's line, then that line up to the caret. Only the complete lines count against
    /// the budget (with a fixed reserve for the line being typed), so typing never moves the start; the start is
    /// rounded to a multiple of a few lines so that pressing Enter does not move it either, most of the time.
    /// </summary>
    public string CutPrefix(SourceText text, int position, int budgetTokens)
    {
        var lines = text.Lines;
        var caretLine = lines.GetLineFromPosition(position).LineNumber;
        var lineStart = lines[caretLine].Start;
        var head = Slice(text, TextSpan.FromBounds(lineStart, position));
        var reserve = Math.Min(MaxLineReserve, budgetTokens / 4);
        if (countTokens(head) > Math.Max(reserve, budgetTokens - reserve))
        {
            return TakeLast(head, budgetTokens);
        }

        var used = 0;
        var first = caretLine;
        while (first > 0)
        {
            var tokens = CountChunk(lines[first - 1].ToString() + "\n");
            if (used + tokens > budgetTokens - reserve)
            {
                break;
            }

            used += tokens;
            first--;
        }

        return Slice(text, TextSpan.FromBounds(SnappedStart(lines, first, caretLine), position));
    }

    /// <summary>Where the whole lines before <paramref name="end"/> (a line start) that fit in the budget begin, snapped as in <see cref="CutPrefix"/>.</summary>
    public int LinesStart(SourceText text, int end, int budgetTokens)
    {
        var lines = text.Lines;
        var endLine = lines.GetLineFromPosition(end).LineNumber;
        var used = 0;
        var first = endLine;
        while (first > 0)
        {
            used += CountChunk(lines[first - 1].ToString() + "\n");
            if (used > budgetTokens)
            {
                break;
            }

            first--;
        }

        return SnappedStart(lines, first, endLine);
    }

    private static int SnappedStart(TextLineCollection lines, int first, int caretLine)
    {
        var snap = Granularity(caretLine - first);
        return lines[first == 0 ? 0 : Math.Min(caretLine, (first + snap - 1) / snap * snap)].Start;
    }

    public string Cut(SourceText text, int start, int end) => Slice(text, TextSpan.FromBounds(start, end));

    /// <summary>
    /// The text from <paramref name="start"/> (a line start) to the caret, or null when its complete lines do not fit
    /// in the budget (with the same reserve for the line being typed as <see cref="CutPrefix"/>).
    /// </summary>
    public string? CutTail(SourceText text, int start, int position, int budgetTokens)
    {
        var lines = text.Lines;
        var caretLine = lines.GetLineFromPosition(position).LineNumber;
        var used = Math.Min(MaxLineReserve, budgetTokens / 4);
        for (var line = lines.GetLineFromPosition(start).LineNumber; line < caretLine; line++)
        {
            used += CountChunk(lines[line].ToString() + "\n");
            if (used > budgetTokens)
            {
                return null;
            }
        }

        return Slice(text, TextSpan.FromBounds(start, position));
    }

    /// <summary>Lines the prefix start is rounded to: <see cref="LineSnap"/> for a wide window, fewer for a narrow one.</summary>
    private static int Granularity(int fittingLines)
    {
        var snap = LineSnap;
        while (snap > 1 && fittingLines < snap * 3)
        {
            snap /= 2;
        }

        return snap;
    }

    /// <summary>
    /// The rest of the caret's line, then whole lines while they fit. The suffix needs no snapping: it comes before the
    /// line being typed in the prompt (see FimLayout.BuildSegments), and it only changes when the caret changes
    /// lines, which re-evaluates from the end of the prefix anyway.
    /// </summary>
    public string CutSuffix(SourceText text, int position, int budgetTokens)
    {
        var lines = text.Lines;
        var caretLine = lines.GetLineFromPosition(position).LineNumber;
        var restOfLine = Slice(text, TextSpan.FromBounds(position, lines[caretLine].EndIncludingLineBreak));
        var used = countTokens(restOfLine);
        if (used > budgetTokens)
        {
            return TakeFirst(restOfLine, budgetTokens);
        }

        var endLine = caretLine + 1;
        while (endLine < lines.Count)
        {
            var tokens = CountChunk(lines[endLine].ToString() + "\n");
            if (used + tokens > budgetTokens)
            {
                break;
            }

            used += tokens;
            endLine++;
        }

        return Slice(text, TextSpan.FromBounds(position, EndOf(lines, endLine)));
    }

    /// <summary>The last characters of <paramref name="text"/> that fit, never starting inside a surrogate pair.</summary>
    public string TakeLast(string text, int budgetTokens)
    {
        var length = LargestFitting(text.Length, n => countTokens(text[^n..]) <= budgetTokens);
        var start = text.Length - length;
        if (start > 0 && start < text.Length && char.IsLowSurrogate(text[start]))
        {
            start++;
        }

        return text[start..];
    }

    /// <summary>The first characters of <paramref name="text"/> that fit, never ending inside a surrogate pair.</summary>
    public string TakeFirst(string text, int budgetTokens)
    {
        var length = LargestFitting(text.Length, n => countTokens(text[..n]) <= budgetTokens);
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }

    private static int EndOf(TextLineCollection lines, int lineCount) =>
        lineCount >= lines.Count ? lines[^1].EndIncludingLineBreak : lines[lineCount].Start;

    private static int LargestFitting(int max, Func<int, bool> fits)
    {
        int low = 0, high = max;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (fits(middle))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private int CountChunk(string chunk)
    {
        if (chunkTokens.TryGetValue(chunk, out var count))
        {
            return count;
        }

        if (chunkTokens.Count >= MaxMemoEntries)
        {
            chunkTokens.Clear();
        }

        count = countTokens(chunk);
        chunkTokens[chunk] = count;
        return count;
    }

    private string Slice(SourceText text, TextSpan span) => redactSecrets ? text.ToRedactedString(span) : text.ToString(span);
}

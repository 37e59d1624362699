using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Cuts the prefix and suffix windows around the caret to token budgets. Window edges snap to every
/// <see cref="LineSnap"/>-th line so that, while the user types, the prompt text before the caret stays byte-identical
/// and a local model's KV cache reuses it: only the tokens of the edited line are evaluated again.
/// </summary>
internal sealed class PromptWindow
{
    public const int LineSnap = 16;

    private const int MaxMemoEntries = 4096;

    private readonly Func<string, int> countTokens;

    // Chunk token counts by text: the same 16-line chunks are counted on every keystroke otherwise.
    private readonly ConcurrentDictionary<string, int> chunkTokens = new(StringComparer.Ordinal);

    public PromptWindow(Func<string, int> countTokens)
    {
        this.countTokens = countTokens;
    }

    public string CutPrefix(SourceText text, int position, int budgetTokens)
    {
        var lines = text.Lines;
        var caretLine = lines.GetLineFromPosition(position).LineNumber;
        var startLine = caretLine / LineSnap * LineSnap;
        var head = text.ToString(TextSpan.FromBounds(lines[startLine].Start, position));
        var used = countTokens(head);
        if (used > budgetTokens)
        {
            return TakeLast(head, budgetTokens);
        }

        while (startLine > 0)
        {
            var chunkStart = Math.Max(0, startLine - LineSnap);
            var chunk = text.ToString(TextSpan.FromBounds(lines[chunkStart].Start, lines[startLine].Start));
            var tokens = CountChunk(chunk);
            if (used + tokens > budgetTokens)
            {
                break;
            }

            used += tokens;
            startLine = chunkStart;
        }

        return text.ToString(TextSpan.FromBounds(lines[startLine].Start, position));
    }

    public string CutSuffix(SourceText text, int position, int budgetTokens)
    {
        var lines = text.Lines;
        var caretLine = lines.GetLineFromPosition(position).LineNumber;
        var endLine = Math.Min(lines.Count, (caretLine / LineSnap + 1) * LineSnap);
        var head = text.ToString(TextSpan.FromBounds(position, EndOf(lines, endLine)));
        var used = countTokens(head);
        if (used > budgetTokens)
        {
            var restOfLine = text.ToString(TextSpan.FromBounds(position, lines[caretLine].EndIncludingLineBreak));
            return TakeFirst(restOfLine, budgetTokens);
        }

        while (endLine < lines.Count)
        {
            var chunkEnd = Math.Min(lines.Count, endLine + LineSnap);
            var chunk = text.ToString(TextSpan.FromBounds(EndOf(lines, endLine), EndOf(lines, chunkEnd)));
            var tokens = CountChunk(chunk);
            if (used + tokens > budgetTokens)
            {
                break;
            }

            used += tokens;
            endLine = chunkEnd;
        }

        return text.ToString(TextSpan.FromBounds(position, EndOf(lines, endLine)));
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
}

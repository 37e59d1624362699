using System.Text;

namespace CodeAssist.Features.Common;

/// <summary>
/// Removes the model's reasoning (<c>&lt;reasoning&gt;...&lt;/reasoning&gt;</c> or <c>&lt;think&gt;...&lt;/think&gt;</c>) from a
/// streamed answer so that only the final answer is shown. Tags may be split across chunks, so a tail that could be
/// the start of a tag is held back until the next chunk decides it.
/// </summary>
internal sealed class ReasoningFilter
{
    private static readonly (string Open, string Close)[] Tags = [("<reasoning>", "</reasoning>"), ("<think>", "</think>")];

    private readonly StringBuilder _pending = new();
    private string? _closeTag;

    /// <summary>Feeds a chunk and returns the part of the answer that can be shown now.</summary>
    public string Push(string chunk)
    {
        _pending.Append(chunk);
        var output = new StringBuilder();
        while (true)
        {
            var text = _pending.ToString();
            if (_closeTag is { } close)
            {
                var end = text.IndexOf(close, StringComparison.OrdinalIgnoreCase);
                if (end < 0)
                {
                    Keep(text, PartialSuffixLength(text, [close]));
                    return output.ToString();
                }

                _pending.Remove(0, end + close.Length);
                _closeTag = null;
                continue;
            }

            var (start, tag) = FirstOpenTag(text);
            if (start < 0)
            {
                var hold = PartialSuffixLength(text, Tags.Select(t => t.Open));
                output.Append(text, 0, text.Length - hold);
                Keep(text, hold);
                return output.ToString();
            }

            output.Append(text, 0, start);
            _pending.Remove(0, start + tag.Open.Length);
            _closeTag = tag.Close;
        }
    }

    /// <summary>The held-back tail at the end of the stream (an unclosed reasoning block is dropped).</summary>
    public string Flush()
    {
        var rest = _closeTag is null ? _pending.ToString() : "";
        _pending.Clear();
        return rest;
    }

    public static string RemoveAll(string text)
    {
        var filter = new ReasoningFilter();
        return filter.Push(text) + filter.Flush();
    }

    private void Keep(string text, int tailLength)
    {
        _pending.Clear();
        _pending.Append(text, text.Length - tailLength, tailLength);
    }

    private static (int Index, (string Open, string Close) Tag) FirstOpenTag(string text)
    {
        var best = (-1, Tags[0]);
        foreach (var tag in Tags)
        {
            var index = text.IndexOf(tag.Open, StringComparison.OrdinalIgnoreCase);
            if (index >= 0 && (best.Item1 < 0 || index < best.Item1))
            {
                best = (index, tag);
            }
        }

        return best;
    }

    private static int PartialSuffixLength(string text, IEnumerable<string> tags)
    {
        var longest = 0;
        foreach (var tag in tags)
        {
            for (var length = Math.Min(tag.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).Equals(tag.AsSpan(0, length), StringComparison.OrdinalIgnoreCase))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}

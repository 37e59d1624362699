using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>The text around the caret that post-processing compares candidates with.</summary>
/// <param name="LineBeforeCaret">The current line up to the caret.</param>
/// <param name="RestOfLine">The current line after the caret, without the line break.</param>
/// <param name="NextLines">Up to three following non-blank lines, trimmed.</param>
internal sealed record CaretSurroundings(string LineBeforeCaret, string RestOfLine, IReadOnlyList<string> NextLines)
{
    public static CaretSurroundings From(SourceText text, int position)
    {
        var line = text.Lines.GetLineFromPosition(position);
        var next = new List<string>(3);
        for (var number = line.LineNumber + 1; number < text.Lines.Count && next.Count < 3; number++)
        {
            var content = text.Lines[number].ToString().Trim();
            if (content.Length > 0)
            {
                next.Add(content);
            }
        }

        return new CaretSurroundings(
            text.ToString(TextSpan.FromBounds(line.Start, position)),
            text.ToString(TextSpan.FromBounds(position, line.End)),
            next);
    }
}

namespace CodeAssist.Server.Text;

/// <summary>
/// Line starts of a text, with LSP's line terminators (\r\n, \n and a lone \r). Built once per document version;
/// immutable, so concurrent readers share it.
/// </summary>
public sealed class LineIndex
{
    private readonly int[] _lineStarts;

    public LineIndex(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
        TextLength = text.Length;
    }

    public int LineCount => _lineStarts.Length;

    public int TextLength { get; }

    public int GetLineStart(int line) => _lineStarts[line];

    /// <summary>The offset just before the line's terminator (or the end of the text on the last line).</summary>
    public int GetLineEnd(int line, string text)
    {
        if (line + 1 >= _lineStarts.Length)
        {
            return TextLength;
        }

        var end = _lineStarts[line + 1];
        if (end > 0 && text[end - 1] == '\n')
        {
            end--;
        }

        if (end > _lineStarts[line] && text[end - 1] == '\r')
        {
            end--;
        }

        return end;
    }

    public int GetLineFromOffset(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        return index >= 0 ? index : ~index - 1;
    }
}

using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Text;

/// <summary>
/// The one place that converts between LSP positions/ranges/URIs and the UTF-16 offsets and paths the rest of
/// CodeAssist uses. Positions outside the document are clamped, never rejected: editors race with edits.
/// </summary>
public static class ProtocolConversions
{
    /// <summary>The client's list is in order of preference; the first one we support wins, UTF-16 otherwise.</summary>
    public static PositionEncoding NegotiateEncoding(IReadOnlyList<string>? clientEncodings)
    {
        foreach (var encoding in clientEncodings ?? [])
        {
            if (encoding == PositionEncodingKind.Utf16)
            {
                return PositionEncoding.Utf16;
            }

            if (encoding == PositionEncodingKind.Utf8)
            {
                return PositionEncoding.Utf8;
            }
        }

        return PositionEncoding.Utf16;
    }

    public static string ToWireName(PositionEncoding encoding) =>
        encoding == PositionEncoding.Utf8 ? PositionEncodingKind.Utf8 : PositionEncodingKind.Utf16;

    public static int GetOffset(DocumentSnapshot document, Position position, PositionEncoding encoding) =>
        GetOffset(document.Text, document.Lines, position, encoding);

    public static int GetOffset(string text, LineIndex lines, Position position, PositionEncoding encoding)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= lines.LineCount)
        {
            return text.Length;
        }

        var lineStart = lines.GetLineStart(position.Line);
        var lineEnd = lines.GetLineEnd(position.Line, text);
        var character = Math.Max(0, position.Character);
        if (encoding == PositionEncoding.Utf16)
        {
            return Math.Min(lineStart + character, lineEnd);
        }

        // UTF-8: walk the line counting bytes; a position inside a multi-byte character rounds down to its start.
        var bytes = 0;
        var offset = lineStart;
        while (offset < lineEnd)
        {
            var width = Utf8Width(text, offset, out var chars);
            if (bytes + width > character)
            {
                break;
            }

            bytes += width;
            offset += chars;
        }

        return offset;
    }

    public static Position GetPosition(DocumentSnapshot document, int offset, PositionEncoding encoding) =>
        GetPosition(document.Text, document.Lines, offset, encoding);

    public static Position GetPosition(string text, LineIndex lines, int offset, PositionEncoding encoding)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = lines.GetLineFromOffset(offset);
        var lineStart = lines.GetLineStart(line);
        offset = Math.Min(offset, lines.GetLineEnd(line, text));
        if (encoding == PositionEncoding.Utf16)
        {
            return new Position(line, offset - lineStart);
        }

        var bytes = 0;
        for (var i = lineStart; i < offset;)
        {
            bytes += Utf8Width(text, i, out var chars);
            i += chars;
        }

        return new Position(line, bytes);
    }

    /// <summary>
    /// A position Roslyn reports (0-based line, UTF-16 character) in the negotiated encoding. UTF-8 needs that line's
    /// text; without it (a file the workspace cannot read) the UTF-16 character stands, which is exact for ASCII.
    /// </summary>
    public static Position FromUtf16(int line, int utf16Character, string? lineText, PositionEncoding encoding)
    {
        if (encoding == PositionEncoding.Utf16 || lineText is null)
        {
            return new Position(line, utf16Character);
        }

        var end = Math.Clamp(utf16Character, 0, lineText.Length);
        var bytes = 0;
        for (var i = 0; i < end;)
        {
            bytes += Utf8Width(lineText, i, out var chars);
            i += chars;
        }

        return new Position(line, bytes);
    }

    /// <summary>The start of a 1-based line of a file (stack frames name lines, not columns); character 0 in every encoding.</summary>
    public static Location ToLineStart(string filePath, int oneBasedLine)
    {
        var start = new Position(Math.Max(oneBasedLine - 1, 0), 0);
        return new Location(ToUri(filePath), new Range(start, start));
    }

    /// <summary>A range as (start, length) in UTF-16 offsets; a reversed range is read as its normalised form.</summary>
    public static (int Start, int Length) GetSpan(string text, LineIndex lines, Range range, PositionEncoding encoding)
    {
        var start = GetOffset(text, lines, range.Start, encoding);
        var end = GetOffset(text, lines, range.End, encoding);
        return start <= end ? (start, end - start) : (end, start - end);
    }

    public static (int Start, int Length) GetSpan(DocumentSnapshot document, Range range, PositionEncoding encoding) =>
        GetSpan(document.Text, document.Lines, range, encoding);

    public static Range GetRange(DocumentSnapshot document, int start, int length, PositionEncoding encoding) =>
        new(GetPosition(document, start, encoding), GetPosition(document, start + length, encoding));

    /// <summary>The local path of a <c>file:</c> URI, or null for any other scheme.</summary>
    public static string? ToFilePath(string uri)
    {
        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
        {
            return null;
        }

        return parsed.LocalPath;
    }

    public static string ToUri(string filePath) => new System.Uri(Path.GetFullPath(filePath)).AbsoluteUri;

    private static int Utf8Width(string text, int offset, out int chars)
    {
        var c = text[offset];
        if (char.IsHighSurrogate(c) && offset + 1 < text.Length && char.IsLowSurrogate(text[offset + 1]))
        {
            chars = 2;
            return 4;
        }

        chars = 1;
        return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
}

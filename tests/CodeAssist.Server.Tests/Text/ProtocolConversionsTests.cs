using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using Xunit;

namespace CodeAssist.Server.Tests.Text;

public sealed class ProtocolConversionsTests
{
    // "a😀b" : '😀' is one code point, two UTF-16 units, four UTF-8 bytes.
    private static readonly DocumentSnapshot Emoji = new("file:///e.cs", "csharp", 1, "a\U0001F600b\r\nx\u00e9y\nlast");

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1, 1)]
    [InlineData(0, 3, 3)] // after the surrogate pair
    [InlineData(0, 4, 4)] // end of line 0, before \r\n
    [InlineData(0, 99, 4)] // clamped to the end of the line, never into the line break
    [InlineData(1, 0, 6)]
    [InlineData(1, 3, 9)]
    [InlineData(2, 4, 14)]
    [InlineData(9, 0, 14)] // a line past the end clamps to the end of the document
    [InlineData(-1, 5, 0)]
    public void GetOffset_Utf16_CountsCodeUnitsAndClamps(int line, int character, int expected) =>
        Assert.Equal(expected, ProtocolConversions.GetOffset(Emoji, new Position(line, character), PositionEncoding.Utf16));

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(0, 5, 3)] // 'a' (1 byte) + '😀' (4 bytes)
    [InlineData(0, 3, 1)] // inside the emoji: rounds down to its start
    [InlineData(0, 6, 4)]
    [InlineData(1, 1, 7)]
    [InlineData(1, 3, 8)] // 'x' (1) + 'é' (2)
    [InlineData(1, 2, 7)] // inside 'é'
    public void GetOffset_Utf8_CountsBytes(int line, int character, int expected) =>
        Assert.Equal(expected, ProtocolConversions.GetOffset(Emoji, new Position(line, character), PositionEncoding.Utf8));

    [Theory]
    [InlineData(3, PositionEncoding.Utf16, 0, 3)]
    [InlineData(3, PositionEncoding.Utf8, 0, 5)]
    [InlineData(8, PositionEncoding.Utf8, 1, 3)]
    [InlineData(5, PositionEncoding.Utf16, 0, 4)] // the \n of \r\n belongs to line 0's break; clamps to its end
    [InlineData(100, PositionEncoding.Utf16, 2, 4)]
    public void GetPosition_RoundTrips(int offset, PositionEncoding encoding, int line, int character) =>
        Assert.Equal(new Position(line, character), ProtocolConversions.GetPosition(Emoji, offset, encoding));

    [Fact]
    public void GetSpan_ReversedRange_IsNormalised()
    {
        var (start, length) = ProtocolConversions.GetSpan(Emoji, new Range(new Position(1, 2), new Position(0, 1)), PositionEncoding.Utf16);
        Assert.Equal((1, 7), (start, length));
    }

    [Theory]
    [InlineData(new string[0], PositionEncoding.Utf16)]
    [InlineData(new[] { "utf-8" }, PositionEncoding.Utf8)]
    [InlineData(new[] { "utf-8", "utf-16" }, PositionEncoding.Utf8)]
    [InlineData(new[] { "utf-16", "utf-8" }, PositionEncoding.Utf16)]
    [InlineData(new[] { "utf-32" }, PositionEncoding.Utf16)]
    [InlineData(new[] { "utf-32", "utf-8" }, PositionEncoding.Utf8)]
    public void NegotiateEncoding_TakesTheClientsFirstSupportedChoice(string[] offered, PositionEncoding expected) =>
        Assert.Equal(expected, ProtocolConversions.NegotiateEncoding(offered));

    [Fact]
    public void NegotiateEncoding_WithoutAList_IsUtf16() =>
        Assert.Equal(PositionEncoding.Utf16, ProtocolConversions.NegotiateEncoding(null));

    [Fact]
    public void ToFilePath_DecodesFileUris_AndRejectsOtherSchemes()
    {
        Assert.Equal("/home/me/My Project/a.cs", ProtocolConversions.ToFilePath("file:///home/me/My%20Project/a.cs"));
        Assert.Null(ProtocolConversions.ToFilePath("untitled:Untitled-1"));
        Assert.Null(ProtocolConversions.ToFilePath("not a uri"));
        Assert.Equal("file:///tmp/x%20y.cs", ProtocolConversions.ToUri("/tmp/x y.cs"));
    }

    [Fact]
    public void LineIndex_TreatsCrLfLfAndLoneCrAsLineBreaks()
    {
        var lines = new LineIndex("a\r\nb\nc\rd");
        Assert.Equal(4, lines.LineCount);
        Assert.Equal([0, 3, 5, 7], Enumerable.Range(0, 4).Select(lines.GetLineStart));
        Assert.Equal(1, lines.GetLineEnd(0, "a\r\nb\nc\rd"));
        Assert.Equal(2, lines.GetLineFromOffset(6));
    }

    [Theory]
    [InlineData(PositionEncoding.Utf16, 3, 3)]
    [InlineData(PositionEncoding.Utf8, 1, 1)]
    [InlineData(PositionEncoding.Utf8, 3, 5)] // 'a' (1 byte) + '😀' (4 bytes)
    [InlineData(PositionEncoding.Utf8, 4, 7)] // ... + 'é' (2 bytes)
    [InlineData(PositionEncoding.Utf8, 99, 8)] // clamped to the end of the line
    public void FromUtf16_ConvertsARoslynCharacterOnItsLine(PositionEncoding encoding, int utf16Character, int expected) =>
        Assert.Equal(new Position(2, expected), ProtocolConversions.FromUtf16(2, utf16Character, "a\U0001F600\u00e9b", encoding));

    [Fact]
    public void FromUtf16_WithoutTheLineText_KeepsTheCharacter() =>
        Assert.Equal(new Position(4, 7), ProtocolConversions.FromUtf16(4, 7, null, PositionEncoding.Utf8));

    [Fact]
    public void ToLineStart_IsCharacterZeroOfTheZeroBasedLine()
    {
        var path = Path.Combine(Path.GetTempPath(), "Frame.cs");

        var location = ProtocolConversions.ToLineStart(path, 12);

        Assert.Equal(ProtocolConversions.ToUri(path), location.Uri);
        Assert.Equal(new Range(new Position(11, 0), new Position(11, 0)), location.Range);
    }
}

using System.Text;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Turns token bytes into text incrementally: a character may span several tokens, and random or truncated output
/// may not be valid UTF-8, so invalid sequences become U+FFFD instead of throwing.
/// </summary>
internal sealed class Utf8TokenDecoder
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private readonly char[] _chars = new char[256];

    /// <summary>Returns the characters completed by <paramref name="bytes"/> (possibly none).</summary>
    public string Append(ReadOnlySpan<byte> bytes) => Convert(bytes, flush: false);

    /// <summary>Returns what is left at the end of generation: an unfinished sequence becomes U+FFFD.</summary>
    public string Flush() => Convert([], flush: true);

    private string Convert(ReadOnlySpan<byte> bytes, bool flush)
    {
        var text = new StringBuilder();
        bool completed = false;
        while (!completed)
        {
            _decoder.Convert(bytes, _chars, flush, out int bytesUsed, out int charsUsed, out completed);
            text.Append(_chars, 0, charsUsed);
            bytes = bytes[bytesUsed..];
        }

        return text.ToString();
    }
}

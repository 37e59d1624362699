namespace CodeAssist.Gguf;

/// <summary>GPT-2's reversible byte-to-character map used by byte-level BPE vocabularies.</summary>
public static class ByteLevel
{
    private static readonly char[] s_byteToChar = Build();

    public static char CharOf(byte value) => s_byteToChar[value];

    public static string Encode(string text) =>
        new(System.Text.Encoding.UTF8.GetBytes(text).Select(b => s_byteToChar[b]).ToArray());

    private static char[] Build()
    {
        var map = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++)
        {
            bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char)b : (char)next++;
        }

        return map;
    }
}

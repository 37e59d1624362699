namespace CodeAssist.Llm.Models;

/// <summary>The one check every GGUF passes: the magic "GGUF" and a version llama.cpp reads (2 or 3).</summary>
public static class GgufFile
{
    public static bool HasValidHeader(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> header = stackalloc byte[8];
            if (stream.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8)
            {
                return false;
            }

            var version = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            return header[..4].SequenceEqual("GGUF"u8) && version is 2 or 3;
        }
        catch (IOException)
        {
            return false;
        }
    }
}

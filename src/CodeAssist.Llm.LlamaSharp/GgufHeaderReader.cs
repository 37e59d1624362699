using System.Text;
using CodeAssist.Llm;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Reads the metadata of a GGUF file (not its tensors) so that a missing file, a file that is not GGUF, or an
/// architecture llama.cpp cannot run gets a message naming the problem instead of a native error.
/// </summary>
internal static class GgufHeaderReader
{
    private const uint Magic = 0x46554747; // "GGUF" read as little-endian uint32

    public static GgufSummary Read(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new ModelLoadException($"Model file not found: {path}. Set the model path in settings or run `codeassist models pull`.");
        }

        // Before opening it: a FIFO would block the open forever, a device would never end.
        if (ModelFileCheck.FindProblem(path) is { } problem)
        {
            throw new ModelLoadException(problem);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (stream.Length < 24 || reader.ReadUInt32() != Magic)
            {
                throw new ModelLoadException($"{path} is not a GGUF model file (no GGUF header). CodeAssist runs llama.cpp models in GGUF format.");
            }

            uint version = reader.ReadUInt32();
            if (version < 2)
            {
                throw new ModelLoadException($"{path} uses GGUF version {version}, which llama.cpp no longer reads; convert it again with a current llama.cpp.");
            }

            reader.ReadUInt64(); // tensor count
            ulong keyCount = reader.ReadUInt64();
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            for (ulong i = 0; i < keyCount; i++)
            {
                string key = ReadString(reader);
                object? value = ReadValue(reader, reader.ReadUInt32());
                if (value is not null)
                {
                    values[key] = value;
                }
            }

            if (values.GetValueOrDefault("general.architecture") is not string architecture)
            {
                throw new ModelLoadException($"{path} has no general.architecture; it is not a model llama.cpp can run.");
            }

            int Int(string name) => values.GetValueOrDefault($"{architecture}.{name}") is long n ? (int)Math.Min(n, int.MaxValue) : 0;
            int heads = Int("attention.head_count");
            int kvHeads = Int("attention.head_count_kv");
            return new GgufSummary(architecture, Int("context_length"), Int("block_count"), Int("embedding_length"), heads, kvHeads == 0 ? heads : kvHeads, stream.Length);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new ModelLoadException($"{path} is not a valid GGUF model file ({e.Message}).", e);
        }
    }

    /// <summary>
    /// The scalar metadata and every tensor's shape (ggml order), for checks llama.cpp would otherwise fail on by
    /// aborting the process (a LoRA adapter made for another model). Throws the I/O exceptions of a bad file.
    /// </summary>
    public static (Dictionary<string, object> Values, Dictionary<string, long[]> Shapes) ReadTensorShapes(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (reader.ReadUInt32() != Magic || reader.ReadUInt32() < 2)
        {
            throw new InvalidDataException($"{path} is not a GGUF v2+ file.");
        }

        ulong tensorCount = reader.ReadUInt64();
        ulong keyCount = reader.ReadUInt64();
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        for (ulong i = 0; i < keyCount; i++)
        {
            string key = ReadString(reader);
            if (ReadValue(reader, reader.ReadUInt32()) is { } value)
            {
                values[key] = value;
            }
        }

        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        for (ulong i = 0; i < tensorCount; i++)
        {
            string name = ReadString(reader);
            var shape = new long[reader.ReadUInt32()];
            for (int d = 0; d < shape.Length; d++)
            {
                shape[d] = checked((long)reader.ReadUInt64());
            }

            reader.ReadUInt32(); // type
            reader.ReadUInt64(); // offset
            shapes[name] = shape;
        }

        return (values, shapes);
    }

    /// <summary>Returns scalars as long/double/bool/string; arrays are skipped (null).</summary>
    private static object? ReadValue(BinaryReader reader, uint type)
    {
        switch (type)
        {
            case 0: return (long)reader.ReadByte();
            case 1: return (long)reader.ReadSByte();
            case 2: return (long)reader.ReadUInt16();
            case 3: return (long)reader.ReadInt16();
            case 4: return (long)reader.ReadUInt32();
            case 5: return (long)reader.ReadInt32();
            case 6: return (double)reader.ReadSingle();
            case 7: return reader.ReadByte() != 0;
            case 8: return ReadString(reader);
            case 10: return (long)Math.Min(reader.ReadUInt64(), long.MaxValue);
            case 11: return reader.ReadInt64();
            case 12: return reader.ReadDouble();
            case 9:
                uint elementType = reader.ReadUInt32();
                ulong count = reader.ReadUInt64();
                int width = elementType switch { 0 or 1 or 7 => 1, 2 or 3 => 2, 4 or 5 or 6 => 4, 10 or 11 or 12 => 8, _ => 0 };
                if (width > 0)
                {
                    reader.BaseStream.Seek(checked((long)count * width), SeekOrigin.Current);
                    return null;
                }

                for (ulong i = 0; i < count; i++)
                {
                    ReadValue(reader, elementType);
                }

                return null;
            default:
                throw new InvalidDataException($"unknown metadata type {type}");
        }
    }

    private static string ReadString(BinaryReader reader)
    {
        ulong length = reader.ReadUInt64();
        if (length > 1 << 26)
        {
            throw new InvalidDataException("metadata string longer than 64 MiB");
        }

        return Encoding.UTF8.GetString(reader.ReadBytes((int)length));
    }
}

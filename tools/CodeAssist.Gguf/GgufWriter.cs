using System.Buffers.Binary;
using System.Text;

namespace CodeAssist.Gguf;

/// <summary>
/// Writes a GGUF version 3 file: header, metadata key/values, tensor infos, then tensor data aligned to 32 bytes.
/// Keys keep their insertion order, which llama.cpp does not depend on but makes files reproducible.
/// </summary>
public sealed class GgufWriter
{
    private const int Alignment = 32;
    private readonly List<(string Key, GgufValueType Type, Action<BinaryWriter> Write)> _metadata = [];
    private readonly List<GgufTensor> _tensors = [];

    public IReadOnlyList<GgufTensor> Tensors => _tensors;

    public void AddString(string key, string value) => Add(key, GgufValueType.String, w => WriteString(w, value));

    public void AddUInt32(string key, uint value) => Add(key, GgufValueType.UInt32, w => w.Write(value));

    public void AddInt32(string key, int value) => Add(key, GgufValueType.Int32, w => w.Write(value));

    public void AddFloat32(string key, float value) => Add(key, GgufValueType.Float32, w => w.Write(value));

    public void AddBool(string key, bool value) => Add(key, GgufValueType.Bool, w => w.Write(value));

    public void AddStringArray(string key, IReadOnlyList<string> values) =>
        Add(key, GgufValueType.Array, w =>
        {
            w.Write((uint)GgufValueType.String);
            w.Write((ulong)values.Count);
            foreach (string value in values)
            {
                WriteString(w, value);
            }
        });

    public void AddInt32Array(string key, IReadOnlyList<int> values) =>
        Add(key, GgufValueType.Array, w =>
        {
            w.Write((uint)GgufValueType.Int32);
            w.Write((ulong)values.Count);
            foreach (int value in values)
            {
                w.Write(value);
            }
        });

    public void AddTensor(GgufTensor tensor)
    {
        if (tensor.Type == GgmlType.Q8_0 && tensor.Shape[0] % Q8Block.Size != 0)
        {
            throw new ArgumentException($"Q8_0 tensor {tensor.Name} needs a first dimension divisible by 32.", nameof(tensor));
        }

        _tensors.Add(tensor);
    }

    public void WriteTo(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write((ulong)_tensors.Count);
        writer.Write((ulong)_metadata.Count);
        foreach ((string key, GgufValueType type, Action<BinaryWriter> write) in _metadata)
        {
            WriteString(writer, key);
            writer.Write((uint)type);
            write(writer);
        }

        ulong offset = 0;
        foreach (GgufTensor tensor in _tensors)
        {
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Shape.Length);
            foreach (long dimension in tensor.Shape)
            {
                writer.Write((ulong)dimension);
            }

            writer.Write((uint)tensor.Type);
            writer.Write(offset);
            offset += Align((ulong)tensor.ByteSize);
        }

        writer.Flush();
        Pad(stream);
        foreach (GgufTensor tensor in _tensors)
        {
            WriteTensorData(stream, tensor);
            Pad(stream);
        }

        stream.Flush();
    }

    public void WriteTo(string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        WriteTo(stream);
    }

    private static void WriteTensorData(Stream stream, GgufTensor tensor)
    {
        int rowLength = checked((int)tensor.Shape[0]);
        float[] row = new float[rowLength];
        int rowBytes = checked((int)(tensor.ByteSize / tensor.RowCount));
        byte[] buffer = new byte[rowBytes];
        for (long r = 0; r < tensor.RowCount; r++)
        {
            tensor.FillRow(r, row);
            switch (tensor.Type)
            {
                case GgmlType.F32:
                    for (int i = 0; i < rowLength; i++)
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), row[i]);
                    }

                    break;
                case GgmlType.F16:
                    for (int i = 0; i < rowLength; i++)
                    {
                        BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(i * 2), (Half)row[i]);
                    }

                    break;
                default:
                    Q8Block.Quantize(row, buffer);
                    break;
            }

            stream.Write(buffer);
        }
    }

    private static ulong Align(ulong value) => (value + Alignment - 1) / Alignment * Alignment;

    private static void Pad(Stream stream)
    {
        long padding = (long)Align((ulong)stream.Position) - stream.Position;
        for (long i = 0; i < padding; i++)
        {
            stream.WriteByte(0);
        }
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private void Add(string key, GgufValueType type, Action<BinaryWriter> write) => _metadata.Add((key, type, write));
}

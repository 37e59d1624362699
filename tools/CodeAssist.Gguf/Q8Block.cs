using System.Buffers.Binary;

namespace CodeAssist.Gguf;

/// <summary>ggml's Q8_0: blocks of 32 values, one half-precision scale followed by 32 signed bytes.</summary>
public static class Q8Block
{
    public const int Size = 32;
    public const int Bytes = 34;

    /// <summary>Quantizes <paramref name="values"/> (a multiple of 32 long) the way ggml's reference quantizer does.</summary>
    public static void Quantize(ReadOnlySpan<float> values, Span<byte> destination)
    {
        for (int block = 0; block < values.Length / Size; block++)
        {
            ReadOnlySpan<float> x = values.Slice(block * Size, Size);
            Span<byte> output = destination.Slice(block * Bytes, Bytes);
            float absMax = 0;
            foreach (float v in x)
            {
                absMax = Math.Max(absMax, Math.Abs(v));
            }

            float scale = absMax / 127f;
            float inverse = scale == 0 ? 0 : 1f / scale;
            BinaryPrimitives.WriteHalfLittleEndian(output, (Half)scale);
            for (int i = 0; i < Size; i++)
            {
                output[2 + i] = unchecked((byte)(sbyte)Math.Round(x[i] * inverse));
            }
        }
    }
}

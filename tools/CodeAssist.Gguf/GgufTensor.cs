namespace CodeAssist.Gguf;

/// <summary>
/// A tensor to write. <see cref="Shape"/> is in ggml order (innermost dimension first); <see cref="FillRow"/> fills
/// one row of Shape[0] values, so a 500M-parameter model is written without holding it in memory.
/// </summary>
public sealed record GgufTensor(string Name, long[] Shape, GgmlType Type, Action<long, Span<float>> FillRow)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public long RowCount => ElementCount / Shape[0];

    public long ByteSize => Type switch
    {
        GgmlType.F32 => ElementCount * 4,
        GgmlType.F16 => ElementCount * 2,
        GgmlType.Q8_0 => ElementCount / Q8Block.Size * Q8Block.Bytes,
        _ => throw new NotSupportedException($"Tensor type {Type} is not supported."),
    };
}

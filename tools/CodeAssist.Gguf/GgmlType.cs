namespace CodeAssist.Gguf;

/// <summary>The tensor element types this writer can produce (values are ggml's type ids).</summary>
public enum GgmlType : uint
{
    F32 = 0,
    F16 = 1,
    Q8_0 = 8,
}

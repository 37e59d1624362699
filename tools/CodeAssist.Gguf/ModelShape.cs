namespace CodeAssist.Gguf;

/// <summary>Hyper-parameters of a llama-family transformer as llama.cpp reads them from {arch}.* keys.</summary>
/// <param name="Architecture">"llama" or "qwen2" (qwen2 adds q/k/v biases).</param>
/// <param name="TiedEmbeddings">When true no output.weight is written and llama.cpp reuses token_embd.</param>
public sealed record ModelShape(
    string Architecture,
    int EmbeddingLength,
    int BlockCount,
    int FeedForwardLength,
    int HeadCount,
    int HeadCountKv,
    int ContextLength,
    float RopeFrequencyBase,
    float RmsEpsilon,
    bool TiedEmbeddings)
{
    public int HeadDimension => EmbeddingLength / HeadCount;

    public int KeyValueLength => HeadDimension * HeadCountKv;

    /// <summary>A llama model small enough that tests load and run it in milliseconds.</summary>
    public static ModelShape TinyLlama { get; } = new("llama", 64, 2, 128, 4, 2, 2048, 10000f, 1e-5f, false);

    /// <summary>A qwen2 model small enough that tests load and run it in milliseconds (untied output, so random
    /// weights do not just repeat the last input token).</summary>
    public static ModelShape TinyQwen2 { get; } = new("qwen2", 64, 2, 128, 4, 2, 4096, 1000000f, 1e-6f, false);

    /// <summary>A bigger qwen2 shape whose prefill takes long enough to interrupt (tens of milliseconds per batch).</summary>
    public static ModelShape SmallQwen2 { get; } = new("qwen2", 512, 8, 1536, 8, 2, 4096, 1000000f, 1e-6f, false);

    /// <summary>Qwen2.5-Coder-0.5B: 24 blocks, 14 heads of 64, 2 KV heads, tied embeddings (494M parameters).</summary>
    public static ModelShape Qwen25Coder05B { get; } = new("qwen2", 896, 24, 4864, 14, 2, 32768, 1000000f, 1e-6f, true);

    /// <summary>Qwen2.5-Coder-1.5B: 28 blocks, 12 heads of 128, 2 KV heads, tied embeddings.</summary>
    public static ModelShape Qwen25Coder15B { get; } = new("qwen2", 1536, 28, 8960, 12, 2, 32768, 1000000f, 1e-6f, true);
}

namespace CodeAssist.Gguf;

/// <summary>
/// What llama.cpp requires of a "llama" or "qwen2" GGUF: the hyper-parameters and tokenizer metadata, and every
/// tensor with its shape. The weights are the caller's, so random and scripted models share one layout.
/// </summary>
public static class ModelLayout
{
    public static void AddMetadata(GgufWriter writer, ModelShape shape, TokenizerSpec tokenizer, GgmlType type, string name)
    {
        string arch = shape.Architecture;
        writer.AddString("general.architecture", arch);
        writer.AddString("general.name", name);
        writer.AddUInt32("general.file_type", type switch { GgmlType.F32 => 0u, GgmlType.F16 => 1u, _ => 7u });
        writer.AddUInt32($"{arch}.context_length", (uint)shape.ContextLength);
        writer.AddUInt32($"{arch}.embedding_length", (uint)shape.EmbeddingLength);
        writer.AddUInt32($"{arch}.block_count", (uint)shape.BlockCount);
        writer.AddUInt32($"{arch}.feed_forward_length", (uint)shape.FeedForwardLength);
        writer.AddUInt32($"{arch}.attention.head_count", (uint)shape.HeadCount);
        writer.AddUInt32($"{arch}.attention.head_count_kv", (uint)shape.HeadCountKv);
        writer.AddFloat32($"{arch}.attention.layer_norm_rms_epsilon", shape.RmsEpsilon);
        writer.AddFloat32($"{arch}.rope.freq_base", shape.RopeFrequencyBase);

        writer.AddString("tokenizer.ggml.model", "gpt2");
        writer.AddString("tokenizer.ggml.pre", tokenizer.PreTokenizer);
        writer.AddStringArray("tokenizer.ggml.tokens", tokenizer.Tokens);
        writer.AddInt32Array("tokenizer.ggml.token_type", tokenizer.TokenTypes.Select(t => (int)t).ToList());
        writer.AddStringArray("tokenizer.ggml.merges", tokenizer.Merges);
        writer.AddUInt32("tokenizer.ggml.bos_token_id", (uint)tokenizer.BosId);
        writer.AddUInt32("tokenizer.ggml.eos_token_id", (uint)tokenizer.EosId);
        writer.AddUInt32("tokenizer.ggml.padding_token_id", (uint)tokenizer.PadId);
        writer.AddBool("tokenizer.ggml.add_bos_token", false);
        writer.AddString("tokenizer.chat_template", tokenizer.ChatTemplate);
    }

    /// <summary>
    /// Adds every tensor in llama.cpp's order. <paramref name="fill"/> gets the tensor name and its row length and
    /// returns the row filler. Matrices use <paramref name="type"/>; norms and biases stay F32 as in converted models.
    /// </summary>
    public static void AddTensors(GgufWriter writer, ModelShape shape, int vocabularySize, GgmlType type, Func<string, long, Action<long, Span<float>>> fill)
    {
        int embd = shape.EmbeddingLength;
        void Matrix(string tensor, long inner, long outer) =>
            writer.AddTensor(new GgufTensor(tensor, [inner, outer], type, fill(tensor, inner)));
        void Vector(string tensor, long length) =>
            writer.AddTensor(new GgufTensor(tensor, [length], GgmlType.F32, fill(tensor, length)));

        Matrix("token_embd.weight", embd, vocabularySize);
        Vector("output_norm.weight", embd);
        if (!shape.TiedEmbeddings)
        {
            Matrix("output.weight", embd, vocabularySize);
        }

        for (int block = 0; block < shape.BlockCount; block++)
        {
            string p = $"blk.{block}.";
            Vector(p + "attn_norm.weight", embd);
            Matrix(p + "attn_q.weight", embd, embd);
            Matrix(p + "attn_k.weight", embd, shape.KeyValueLength);
            Matrix(p + "attn_v.weight", embd, shape.KeyValueLength);
            if (shape.Architecture == "qwen2")
            {
                Vector(p + "attn_q.bias", embd);
                Vector(p + "attn_k.bias", shape.KeyValueLength);
                Vector(p + "attn_v.bias", shape.KeyValueLength);
            }

            Matrix(p + "attn_output.weight", embd, embd);
            Vector(p + "ffn_norm.weight", embd);
            Matrix(p + "ffn_gate.weight", embd, shape.FeedForwardLength);
            Matrix(p + "ffn_up.weight", embd, shape.FeedForwardLength);
            Matrix(p + "ffn_down.weight", shape.FeedForwardLength, embd);
        }
    }

    public static bool IsNorm(string tensor) => tensor.EndsWith("norm.weight", StringComparison.Ordinal);
}

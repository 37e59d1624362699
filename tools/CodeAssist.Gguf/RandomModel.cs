namespace CodeAssist.Gguf;

/// <summary>
/// Builds a random-weight model of a real llama.cpp architecture: every hyper-parameter and tensor llama.cpp
/// requires for "llama" or "qwen2", with the tokenizer's metadata. Matrices use <paramref name="type"/>; norms and
/// biases stay F32 as in converted models.
/// </summary>
public static class RandomModel
{
    public static GgufWriter Build(ModelShape shape, TokenizerSpec tokenizer, GgmlType type, int seed, string name = "codeassist-random")
    {
        var writer = new GgufWriter();
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

        int embd = shape.EmbeddingLength;
        int vocab = tokenizer.Tokens.Count;
        float matrixRange = MathF.Sqrt(3f / embd);
        void Matrix(string tensor, long inner, long outer, float range) =>
            writer.AddTensor(new GgufTensor(tensor, [inner, outer], type, RandomWeights.Uniform(seed, tensor, range)));
        void Vector(string tensor, long length, Action<long, Span<float>> fill) =>
            writer.AddTensor(new GgufTensor(tensor, [length], GgmlType.F32, fill));

        Matrix("token_embd.weight", embd, vocab, 1f);
        Vector("output_norm.weight", embd, RandomWeights.Constant(1f));
        if (!shape.TiedEmbeddings)
        {
            Matrix("output.weight", embd, vocab, matrixRange);
        }

        for (int block = 0; block < shape.BlockCount; block++)
        {
            string p = $"blk.{block}.";
            Vector(p + "attn_norm.weight", embd, RandomWeights.Constant(1f));
            Matrix(p + "attn_q.weight", embd, embd, matrixRange);
            Matrix(p + "attn_k.weight", embd, shape.KeyValueLength, matrixRange);
            Matrix(p + "attn_v.weight", embd, shape.KeyValueLength, matrixRange);
            if (arch == "qwen2")
            {
                Vector(p + "attn_q.bias", embd, RandomWeights.Uniform(seed, p + "attn_q.bias", 0.02f));
                Vector(p + "attn_k.bias", shape.KeyValueLength, RandomWeights.Uniform(seed, p + "attn_k.bias", 0.02f));
                Vector(p + "attn_v.bias", shape.KeyValueLength, RandomWeights.Uniform(seed, p + "attn_v.bias", 0.02f));
            }

            Matrix(p + "attn_output.weight", embd, embd, matrixRange);
            Vector(p + "ffn_norm.weight", embd, RandomWeights.Constant(1f));
            Matrix(p + "ffn_gate.weight", embd, shape.FeedForwardLength, matrixRange);
            Matrix(p + "ffn_up.weight", embd, shape.FeedForwardLength, matrixRange);
            Matrix(p + "ffn_down.weight", shape.FeedForwardLength, embd, MathF.Sqrt(3f / shape.FeedForwardLength));
        }

        return writer;
    }

    public static long ParameterCount(GgufWriter writer) => writer.Tensors.Sum(t => t.ElementCount);
}

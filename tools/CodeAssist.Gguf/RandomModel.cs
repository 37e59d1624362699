namespace CodeAssist.Gguf;

/// <summary>
/// Builds a random-weight model of a real llama.cpp architecture: every hyper-parameter and tensor llama.cpp
/// requires for "llama" or "qwen2" (<see cref="ModelLayout"/>), with the tokenizer's metadata. Matrices use
/// <paramref name="type"/>; norms and biases stay F32 as in converted models.
/// </summary>
public static class RandomModel
{
    public static GgufWriter Build(ModelShape shape, TokenizerSpec tokenizer, GgmlType type, int seed, string name = "codeassist-random")
    {
        var writer = new GgufWriter();
        ModelLayout.AddMetadata(writer, shape, tokenizer, type, name);
        ModelLayout.AddTensors(writer, shape, tokenizer.Tokens.Count, type, (tensor, rowLength) => tensor switch
        {
            _ when ModelLayout.IsNorm(tensor) => RandomWeights.Constant(1f),
            _ when tensor.EndsWith(".bias", StringComparison.Ordinal) => RandomWeights.Uniform(seed, tensor, 0.02f),
            "token_embd.weight" => RandomWeights.Uniform(seed, tensor, 1f),

            // Unit variance out of each matrix product: the range scales with the row length (embedding or FFN width).
            _ => RandomWeights.Uniform(seed, tensor, MathF.Sqrt(3f / rowLength)),
        });
        return writer;
    }

    public static long ParameterCount(GgufWriter writer) => writer.Tensors.Sum(t => t.ElementCount);
}

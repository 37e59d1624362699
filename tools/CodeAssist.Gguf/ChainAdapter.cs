namespace CodeAssist.Gguf;

/// <summary>
/// A real llama.cpp LoRA adapter GGUF (general.type=adapter, adapter.type=lora, adapter.lora.alpha, tensors
/// <c>output.weight.lora_a</c> and <c>.lora_b</c>) for a <see cref="ChainModel"/> built from the same chains. It is
/// rank 1 on the output head: A reads the embedding dimension of the token <c>after</c>, B writes twice the chain's
/// margin onto the logit of <c>write</c>, so with scale 1 greedy decoding follows <c>after</c> with <c>write</c>
/// instead of its scripted successor, and with scale 0 the base model's output is back. llama.cpp adds
/// scale * alpha / rank * B(A x) to the head's output.
/// </summary>
public static class ChainAdapter
{
    public static GgufWriter Build(IReadOnlyList<ChainLink> chains, string after, string write, float alpha = 1f)
    {
        ArgumentNullException.ThrowIfNull(chains);
        TokenizerSpec tokenizer = ChainModel.Vocabulary(chains);
        (_, Dictionary<int, int> dimensionOf, ModelShape shape) = ChainModel.Plan(chains);
        int afterId = tokenizer.IdOf(ChainModel.Pieces(after) is [var afterPiece] ? afterPiece : throw new ArgumentException($"'{after}' is not one token.", nameof(after)));
        int writeId = tokenizer.IdOf(ChainModel.Pieces(write) is [var writePiece] ? writePiece : throw new ArgumentException($"'{write}' is not one token.", nameof(write)));
        if (!dimensionOf.TryGetValue(afterId, out int dimension))
        {
            throw new ArgumentException($"'{after}' has no successor in the chains, so the base model has no dimension for it.", nameof(after));
        }

        var writer = new GgufWriter();
        writer.AddString("general.architecture", shape.Architecture);
        writer.AddString("general.type", "adapter");
        writer.AddString("general.name", $"chain-adapter {after} -> {write}");
        writer.AddString("adapter.type", "lora");
        writer.AddFloat32("adapter.lora.alpha", alpha);

        // ggml order: A is [n_embd, rank], B is [rank, n_vocab]; the base output.weight is [n_embd, n_vocab].
        writer.AddTensor(new GgufTensor("output.weight.lora_a", [shape.EmbeddingLength, 1], GgmlType.F32, (_, values) =>
        {
            values.Clear();
            values[dimension] = 1f;
        }));
        writer.AddTensor(new GgufTensor("output.weight.lora_b", [1, tokenizer.Tokens.Count], GgmlType.F32, (row, values) =>
            values[0] = row == writeId ? 2 * ChainModel.Margin / alpha : 0f));
        return writer;
    }
}

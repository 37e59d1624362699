using System.Text;

namespace CodeAssist.Gguf;

/// <summary>
/// A real qwen2 GGUF whose weights are written by hand so that greedy decoding follows a bigram table: llama.cpp
/// runs every layer as for any model, but the blocks add nothing (all their projections are zero) and so the
/// residual stream at a position is its token's embedding. Each token with a scripted successor owns one embedding
/// dimension; every other token shares a "default" dimension. The output head maps a token's dimension to its
/// successor's logit with a large margin and the default dimension to end-of-text, so an unexpected token ends the
/// generation at once. Weights are 0, 1 and <see cref="Margin"/>, exact in F32 and F16.
/// </summary>
public static class ChainModel
{
    /// <summary>The successor's logit is this times sqrt(embedding length) (RMS norm of a one-hot vector); all others are 0.</summary>
    public const float Margin = 16f;

    public static GgufWriter Build(string text, IReadOnlyList<string> triggers, GgmlType type = GgmlType.F32) =>
        Build([new ChainLink(triggers, text)], type);

    public static GgufWriter Build(IReadOnlyList<ChainLink> chains, GgmlType type = GgmlType.F32, string name = "codeassist-chain")
    {
        ArgumentNullException.ThrowIfNull(chains);
        if (type is not (GgmlType.F32 or GgmlType.F16))
        {
            throw new ArgumentException("A chain model needs exact weights: use F32 or F16.", nameof(type));
        }

        TokenizerSpec tokenizer = Vocabulary(chains);
        Dictionary<int, List<(int Token, float Weight)>> next = Successors(chains, tokenizer);
        (int[] scripted, Dictionary<int, int> dimensionOf, ModelShape shape) = Plan(chains);
        int defaultDimension = dimensionOf.Count;

        var writer = new GgufWriter();
        ModelLayout.AddMetadata(writer, shape, tokenizer, type, name);
        void Embedding(long row, Span<float> values)
        {
            values.Clear();
            values[dimensionOf.GetValueOrDefault((int)row, defaultDimension)] = 1f;
        }

        void Output(long row, Span<float> values)
        {
            values.Clear();
            foreach (int token in scripted)
            {
                foreach ((int successor, float weight) in next[token])
                {
                    if (successor == row)
                    {
                        values[dimensionOf[token]] = Margin * weight;
                    }
                }
            }

            if (row == tokenizer.EosId)
            {
                values[defaultDimension] = Margin;
            }
        }

        ModelLayout.AddTensors(writer, shape, tokenizer.Tokens.Count, type, (tensor, _) => tensor switch
        {
            _ when ModelLayout.IsNorm(tensor) => RandomWeights.Constant(1f),
            "token_embd.weight" => Embedding,
            "output.weight" => Output,

            // Attention and feed-forward contribute nothing: zero projections keep the residual stream the embedding.
            _ => RandomWeights.Constant(0f),
        });
        return writer;
    }

    /// <summary>
    /// The tokens with an embedding dimension of their own (in dimension order), each one's dimension, and the shape
    /// (the embedding is the next multiple of 64 above the dimensions plus the default one). Adapters use it too.
    /// </summary>
    internal static (int[] Scripted, Dictionary<int, int> DimensionOf, ModelShape Shape) Plan(IReadOnlyList<ChainLink> chains)
    {
        TokenizerSpec tokenizer = Vocabulary(chains);
        Dictionary<int, List<(int Token, float Weight)>> next = Successors(chains, tokenizer);

        // Tokens followed by end-of-text alone need no dimension of their own: the default one says exactly that.
        int[] scripted = next.Where(p => p.Value is not [(var only, _)] || only != tokenizer.EosId).Select(p => p.Key).Order().ToArray();
        var dimensionOf = new Dictionary<int, int>();
        foreach (int token in scripted)
        {
            dimensionOf[token] = dimensionOf.Count;
        }

        int embd = Math.Max(64, (dimensionOf.Count + 64) / 64 * 64);
        return (scripted, dimensionOf, ModelShape.TinyQwen2 with { EmbeddingLength = embd, BlockCount = 1 });
    }

    /// <summary>
    /// The tokens of a continuation as vocabulary strings: each identifier of two or more characters is one
    /// (added) token, every other byte is its byte token. One token per word keeps texts like "Add(items);" free of
    /// repeated tokens, which a bigram table cannot follow.
    /// </summary>
    public static IReadOnlyList<string> Pieces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            int end = i;
            while (end < text.Length && (char.IsAsciiLetter(text[end]) || text[end] == '_' || (end > i && char.IsAsciiDigit(text[end]))))
            {
                end++;
            }

            if (end - i >= 2)
            {
                pieces.Add(text[i..end]);
                i = end;
                continue;
            }

            int length = char.IsSurrogatePair(text, i) ? 2 : 1;
            pieces.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, length)).Select(b => ByteLevel.CharOf(b).ToString()));
            i += length;
        }

        return pieces;
    }

    /// <summary><see cref="TinyVocabulary"/> plus one token for each word of the continuations.</summary>
    public static TokenizerSpec Vocabulary(IReadOnlyList<ChainLink> chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        TokenizerSpec tiny = TinyVocabulary.Create();
        var tokens = tiny.Tokens.ToList();
        var types = tiny.TokenTypes.ToList();
        foreach (string piece in chains.SelectMany(c => Pieces(c.Text)))
        {
            if (!tokens.Contains(piece))
            {
                tokens.Add(piece);
                types.Add(GgufTokenType.Normal);
            }
        }

        return tiny with { Tokens = tokens, TokenTypes = types };
    }

    /// <summary>
    /// Each token's successors with their weights. A token has one successor per weight: two chains of the same
    /// weight that disagree cannot both be followed, while a lighter chain's successor is the runner-up.
    /// </summary>
    private static Dictionary<int, List<(int Token, float Weight)>> Successors(IReadOnlyList<ChainLink> chains, TokenizerSpec tokenizer)
    {
        var next = new Dictionary<int, List<(int Token, float Weight)>>();
        void Link(int from, int to, ChainLink chain)
        {
            if (!next.TryGetValue(from, out List<(int Token, float Weight)>? successors))
            {
                next[from] = successors = [];
            }

            if (successors.Any(s => s.Token == to))
            {
                return;
            }

            if (successors.FirstOrDefault(s => s.Weight == chain.Weight) is { Weight: > 0 } existing)
            {
                throw new ArgumentException(
                    $"Token '{tokenizer.Tokens[from]}' would be followed by both '{tokenizer.Tokens[existing.Token]}' and '{tokenizer.Tokens[to]}' (in \"{chain.Text}\"): a chain model follows one token with one successor per weight.",
                    nameof(chains));
            }

            successors.Add((to, chain.Weight));
        }

        foreach (ChainLink chain in chains)
        {
            if (chain.Text.Length == 0 || chain.Triggers.Count == 0)
            {
                throw new ArgumentException("Each chain needs a text and at least one trigger.", nameof(chains));
            }

            int[] ids = Pieces(chain.Text).Select(tokenizer.IdOf).ToArray();
            foreach (string trigger in chain.Triggers)
            {
                Link(TriggerId(trigger, tokenizer), ids[0], chain);
            }

            for (int i = 0; i < ids.Length; i++)
            {
                Link(ids[i], i + 1 < ids.Length ? ids[i + 1] : tokenizer.EosId, chain);
            }
        }

        return next;
    }

    private static int TriggerId(string trigger, TokenizerSpec tokenizer)
    {
        int special = tokenizer.Tokens.ToList().IndexOf(trigger);
        if (special >= 0 && tokenizer.TokenTypes[special] != GgufTokenType.Normal)
        {
            return special;
        }

        int id = tokenizer.Tokens.ToList().IndexOf(ByteLevel.Encode(trigger));
        return id >= 0 ? id : throw new ArgumentException($"Trigger '{trigger}' is not one token of the vocabulary.", nameof(trigger));
    }
}

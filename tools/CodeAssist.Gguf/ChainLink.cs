namespace CodeAssist.Gguf;

/// <summary>
/// One scripted continuation of a <see cref="ChainModel"/>: after any of <paramref name="Triggers"/> greedy decoding
/// writes <paramref name="Text"/> and then the end-of-text token.
/// </summary>
/// <param name="Triggers">Tokens that start the chain: a special token by name ("&lt;|fim_middle|&gt;") or text that is
/// one token of the vocabulary (".", "(").</param>
/// <param name="Text">The continuation; <see cref="ChainModel.Pieces"/> splits it into tokens, which must be distinct.</param>
public sealed record ChainLink(IReadOnlyList<string> Triggers, string Text)
{
    /// <summary>
    /// Scales the successor logits of this chain (1 = <see cref="ChainModel.Margin"/>). A chain of weight 0.5 that
    /// shares a token with a chain of weight 1 is its runner-up there: greedy decoding follows the heavier chain,
    /// and a sampler that refuses the heavier token finds the lighter one next.
    /// </summary>
    public float Weight { get; init; } = 1f;
}

namespace CodeAssist.Llm;

/// <summary>
/// Token counts for models whose tokenizer we do not have (remote models). Code tokenizes at about 3.5-5
/// characters a token with modern BPE vocabularies; counting 3 errs on the safe side, so a prompt sized by this
/// estimate fits the context window.
/// </summary>
public static class TokenEstimator
{
    public const double CharactersPerToken = 3.0;

    public static int Estimate(string? text) =>
        string.IsNullOrEmpty(text) ? 0 : (int)Math.Ceiling(text.Length / CharactersPerToken);
}

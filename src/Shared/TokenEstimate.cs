namespace CodeAssist.Shared;

/// <summary>
/// The one token estimate, for text no tokenizer counts: the context budget when there is no model (Context's
/// <c>EstimatingTokenCounter</c>) and remote models, whose tokenizer we do not have (Llm's <c>TokenEstimator</c>).
/// Context and Llm do not reference each other, so both compile this file (shared source, as dotnet/runtime's
/// <c>src/libraries/Common</c> does) instead of one calling the other.
/// </summary>
/// <remarks>
/// On the safe side: BPE tokenizers for code merge more than this assumes (a word of up to 4 letters, every
/// punctuation character and every line break as one token), so the estimate is an upper bound in practice and a
/// prompt sized by it never overflows the model's window.
/// </remarks>
internal static class TokenEstimate
{
    public static int Count(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var tokens = 0;
        var wordLength = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                wordLength++;
                continue;
            }

            tokens += (wordLength + 3) / 4;
            wordLength = 0;
            if (c == '\n' || !char.IsWhiteSpace(c))
            {
                tokens++;
            }
        }

        return tokens + ((wordLength + 3) / 4);
    }
}

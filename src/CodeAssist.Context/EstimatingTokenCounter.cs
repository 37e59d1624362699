namespace CodeAssist.Context;

/// <summary>
/// Estimates tokens when no model tokenizer is loaded, on the safe side: BPE tokenizers for code merge more than
/// this assumes (a word of up to 4 letters, every punctuation character and every line break as one token), so the
/// estimate is an upper bound in practice and a prompt never overflows the model's window.
/// </summary>
public sealed class EstimatingTokenCounter : ITokenCounter
{
    public static EstimatingTokenCounter Instance { get; } = new();

    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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

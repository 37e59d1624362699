namespace CodeAssist.Llm.Redaction;

/// <summary>
/// Random-looking words anywhere in the text (string literals of every form, comments, attributes, config values):
/// generated keys and tokens whose format nobody registered. A word is a run of base64/hex characters; it counts as
/// a secret when it is long, mixes letters and digits, and its characters are nearly as varied as random ones.
/// Identifiers, paths and GUIDs are words too, and the rules below keep them out.
/// </summary>
internal static class HighEntropyWords
{
    private const int MinimumLength = 20;
    private const int MinimumHexLength = 32;

    // Entropy per character relative to the most a word of that length can have; generated tokens score about 0.9
    // and more, camel-case identifiers and English about 0.75.
    private const double MinimumEntropyRatio = 0.86;

    public static void Find(string text, List<SecretSpan> found)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordChar(text[i]);
            if (inWord)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0 && i - start >= MinimumLength && IsSecret(text.AsSpan(start, i - start)))
            {
                found.Add(new SecretSpan(start, i, SecretRedactor.Placeholder));
            }

            start = -1;
        }
    }

    internal static bool IsSecret(ReadOnlySpan<char> word)
    {
        if (word.Length < MinimumLength || IsGuid(word))
        {
            return false;
        }

        bool digit = false, upper = false, lower = false;
        var hexOnly = true;
        foreach (var c in word)
        {
            digit |= char.IsAsciiDigit(c);
            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
            hexOnly &= char.IsAsciiHexDigit(c);
        }

        if (!digit || !(upper || lower))
        {
            return false;
        }

        if (hexOnly)
        {
            // Hashes and hex keys; shorter hex runs are colours, offsets and magic numbers.
            return word.Length >= MinimumHexLength;
        }

        // Mixed-case base64; a single-case word is an identifier or a path.
        return upper && lower && EntropyRatio(word) >= MinimumEntropyRatio && !IsLongIdentifier(word);
    }

    private static double EntropyRatio(ReadOnlySpan<char> word)
    {
        Span<int> counts = stackalloc int[128];
        counts.Clear();
        foreach (var c in word)
        {
            counts[c & 127]++;
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / word.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        // The most a word can score: every character distinct, up to the 64 characters of the alphabet.
        var maximum = Math.Log2(Math.Min(word.Length, 64));
        return entropy / maximum;
    }

    /// <summary>
    /// An identifier made of words (ReadAsInt32BadStringAsync, MultExp64Power10By16): capitalised words of three
    /// letters and more, at least one per seven characters (a random token has one per fourteen), with a quarter of
    /// its letters vowels.
    /// </summary>
    private static bool IsLongIdentifier(ReadOnlySpan<char> word)
    {
        var words = 0;
        for (var i = 0; i + 2 < word.Length; i++)
        {
            if (char.IsAsciiLetterUpper(word[i]) && char.IsAsciiLetterLower(word[i + 1]) && char.IsAsciiLetterLower(word[i + 2]))
            {
                words++;
            }
        }

        // Identifiers have a word every few characters; a long random token has a few such words by chance.
        if (words < 3 || words * 7 < word.Length)
        {
            return false;
        }

        // Words are pronounceable: about a third of an identifier's letters are vowels, a fifth of random letters.
        int letters = 0, vowels = 0;
        foreach (var c in word)
        {
            letters += char.IsAsciiLetter(c) ? 1 : 0;
            vowels += "aeiouAEIOU".Contains(c, StringComparison.Ordinal) ? 1 : 0;
        }

        return vowels * 4 >= letters;
    }

    private static bool IsGuid(ReadOnlySpan<char> word) =>
        word.Length == 36 && word[8] == '-' && word[13] == '-' && word[18] == '-' && word[23] == '-' && Guid.TryParse(word, out _);

    // '=' is not part of a word: it separates NAME=value; base64 padding is not needed to judge the word.
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '_' or '-';
}

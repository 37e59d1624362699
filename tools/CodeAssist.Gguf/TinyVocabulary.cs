namespace CodeAssist.Gguf;

/// <summary>
/// A byte-level BPE vocabulary for tests: the 256 byte tokens (id = byte value), a few merges for indentation and
/// "int", then Qwen2.5-Coder's special tokens. About one token per character, which keeps test prompts predictable.
/// </summary>
public static class TinyVocabulary
{
    private static readonly (string Left, string Right)[] s_merges =
    [
        ("Ġ", "Ġ"), ("ĠĠ", "ĠĠ"), ("i", "n"), ("Ġ", "in"), ("Ġin", "t"),
    ];

    public static TokenizerSpec Create(string preTokenizer = "qwen2")
    {
        var tokens = new List<string>();
        var types = new List<GgufTokenType>();
        for (int b = 0; b < 256; b++)
        {
            tokens.Add(ByteLevel.CharOf((byte)b).ToString());
            types.Add(GgufTokenType.Normal);
        }

        foreach ((string left, string right) in s_merges)
        {
            tokens.Add(left + right);
            types.Add(GgufTokenType.Normal);
        }

        foreach (string special in TokenizerSpec.QwenSpecialTokens)
        {
            tokens.Add(special);
            types.Add(TokenizerSpec.SpecialType(special));
        }

        int endOfText = tokens.IndexOf("<|endoftext|>");
        return new TokenizerSpec(
            tokens,
            types,
            s_merges.Select(m => m.Left + " " + m.Right).ToList(),
            endOfText,
            endOfText,
            endOfText,
            preTokenizer,
            TokenizerSpec.ChatMlTemplate);
    }
}

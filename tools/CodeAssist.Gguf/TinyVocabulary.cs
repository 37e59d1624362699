namespace CodeAssist.Gguf;

/// <summary>
/// A byte-level BPE vocabulary for tests: the 256 byte tokens (id = byte value), a few merges for indentation and
/// "int", then special tokens (Qwen2.5-Coder's unless others are given; the first is BOS/EOS). About one token per
/// character, which keeps test prompts predictable.
/// </summary>
public static class TinyVocabulary
{
    private static readonly (string Left, string Right)[] s_merges =
    [
        ("Ġ", "Ġ"), ("ĠĠ", "ĠĠ"), ("i", "n"), ("Ġ", "in"), ("Ġin", "t"),
    ];

    /// <summary>StarCoder2's special tokens, for FIM detection tests of another family.</summary>
    public static IReadOnlyList<string> StarCoder2Specials { get; } =
        ["<|endoftext|>", "<fim_prefix>", "<fim_middle>", "<fim_suffix>", "<fim_pad>", "<repo_name>", "<file_sep>"];

    public static TokenizerSpec Create(string preTokenizer = "qwen2", IReadOnlyList<string>? specials = null)
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

        specials ??= TokenizerSpec.QwenSpecialTokens;
        foreach (string special in specials)
        {
            tokens.Add(special);
            types.Add(TokenizerSpec.SpecialType(special));
        }

        int endOfText = tokens.IndexOf(specials[0]);
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

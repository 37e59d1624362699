using System.Text;
using CodeAssist.Llm;
using LLama;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Finds the FIM markers of a local model as token ids. llama.cpp already recognises them when it loads the vocabulary
/// (vocab InfillPrefix/Suffix/Middle/Rep/Sep); the marker text then tells which family's layout to use. A named
/// format in settings overrides detection when its markers are single tokens of this vocabulary.
/// </summary>
internal static class FimTokenResolver
{
    private static readonly (string Name, string Prefix, string Suffix, string Middle, bool SuffixFirst, string? Repo, string? Separator)[] s_known =
    [
        ("qwen2.5-coder", "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", false, "<|repo_name|>", "<|file_sep|>"),
        ("starcoder2", "<fim_prefix>", "<fim_suffix>", "<fim_middle>", false, "<repo_name>", "<file_sep>"),
        ("deepseek-coder", "<\uFF5Cfim\u2581begin\uFF5C>", "<\uFF5Cfim\u2581hole\uFF5C>", "<\uFF5Cfim\u2581end\uFF5C>", false, null, null),
        ("codellama", "<PRE>", "<SUF>", "<MID>", false, null, null),
        ("codestral", "[PREFIX]", "[SUFFIX]", "[MIDDLE]", true, null, null),
    ];

    public static FimTokens? Resolve(LLamaWeights weights, string fimFormat)
    {
        SafeLlamaModelHandle.Vocabulary vocab = weights.Vocab;
        if (!string.Equals(fimFormat, "auto", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(fimFormat))
        {
            var named = s_known.FirstOrDefault(k => string.Equals(k.Name, fimFormat.Trim(), StringComparison.OrdinalIgnoreCase));
            if (named.Name is null)
            {
                throw new ModelLoadException($"Unknown fimFormat '{fimFormat}'; use auto or one of {string.Join(", ", s_known.Select(k => k.Name))}.");
            }

            LLamaToken? prefix = Single(weights, named.Prefix);
            LLamaToken? suffix = Single(weights, named.Suffix);
            LLamaToken? middle = Single(weights, named.Middle);
            if (prefix is null || suffix is null || middle is null)
            {
                throw new ModelLoadException($"fimFormat is '{named.Name}' but this model's vocabulary has no {named.Prefix} token.");
            }

            return new FimTokens(named.Name, prefix.Value, suffix.Value, middle.Value, named.SuffixFirst,
                named.Repo is null ? null : Single(weights, named.Repo), named.Separator is null ? null : Single(weights, named.Separator));
        }

        if (vocab.InfillPrefix is not { } pre || vocab.InfillSuffix is not { } suf || vocab.InfillMiddle is not { } mid)
        {
            return null;
        }

        string prefixText = Text(vocab, pre).Replace("\u2581", "", StringComparison.Ordinal).Trim();
        var known = s_known.FirstOrDefault(k => k.Prefix == prefixText);
        return new FimTokens(known.Name ?? "generic", pre, suf, mid, known.SuffixFirst, vocab.InfillRep, vocab.InfillSep);
    }

    private static LLamaToken? Single(LLamaWeights weights, string marker)
    {
        LLamaToken[] tokens = weights.Tokenize(marker, add_bos: false, special: true, Encoding.UTF8);
        return tokens.Length == 1 ? tokens[0] : null;
    }

    private static string Text(SafeLlamaModelHandle.Vocabulary vocab, LLamaToken token) =>
        vocab.LLamaTokenToString(token, isSpecialToken: true) ?? "";
}

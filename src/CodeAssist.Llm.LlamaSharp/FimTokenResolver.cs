using System.Text;
using CodeAssist.Llm;
using CodeAssist.Llm.Fim;
using LLama;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Binds a FIM template to a local model's token ids. Detection ("auto") asks the vocabulary which of the catalog's
/// marker strings are special tokens and lets <see cref="FimTemplates.DetectFromVocabulary"/> choose; a named
/// format in settings wins when its markers exist. A vocabulary whose FIM tokens llama.cpp found but the catalog
/// does not know still gets a plain prefix-suffix-middle layout.
/// </summary>
internal static class FimTokenResolver
{
    public static FimTokens? Resolve(LLamaWeights weights, string fimFormat)
    {
        Dictionary<string, LLamaToken> special = SpecialMarkers(weights);
        FimTemplate? template;
        if (!string.IsNullOrWhiteSpace(fimFormat) && !string.Equals(fimFormat, "auto", StringComparison.OrdinalIgnoreCase))
        {
            FimTemplate named = FimTemplates.FindByName(fimFormat)
                ?? throw new ModelLoadException($"Unknown fimFormat '{fimFormat}'; use auto or one of {string.Join(", ", FimTemplates.Names)}.");

            // Detection restricted to the named template spells its markers as this vocabulary does.
            template = FimTemplates.DetectFromVocabulary(special.Keys.Where(k => Markers(named).Any(m => k == m || k == "\u2581" + m)))
                ?? throw new ModelLoadException($"fimFormat is '{named.Name}' but this model's vocabulary has no {named.PrefixToken} token.");
        }
        else
        {
            template = FimTemplates.DetectFromVocabulary(special.Keys) ?? Generic(weights, special);
        }

        if (template is null)
        {
            return null;
        }

        var ids = Markers(template).ToDictionary(m => m, m => special[m], StringComparer.Ordinal);
        var ends = template.EndTokens.Where(special.ContainsKey).Select(t => special[t]).ToHashSet();
        return new FimTokens(template, ids, ends);
    }

    private static IEnumerable<string> Markers(FimTemplate template) =>
        new[] { template.PrefixToken, template.SuffixToken, template.MiddleToken, template.RepoNameToken, template.FileSeparatorToken }
            .OfType<string>();

    /// <summary>
    /// Catalog marker strings (with SentencePiece's word-start variant) that are one control or user-defined token
    /// here; a plain vocabulary entry that happens to spell "&lt;PRE&gt;" is not a marker.
    /// </summary>
    private static Dictionary<string, LLamaToken> SpecialMarkers(LLamaWeights weights)
    {
        var found = new Dictionary<string, LLamaToken>(StringComparer.Ordinal);
        foreach (string marker in FimTemplates.All.SelectMany(t => Markers(t).Concat(t.EndTokens)).Distinct())
        {
            foreach (string candidate in new[] { marker, "\u2581" + marker })
            {
                LLamaToken[] asSpecial = weights.Tokenize(candidate, add_bos: false, special: true, Encoding.UTF8);
                if (asSpecial.Length == 1 && (asSpecial[0].GetAttributes(weights.Vocab) & (LLamaTokenAttr.Control | LLamaTokenAttr.UserDefined)) != 0)
                {
                    found[candidate] = asSpecial[0];
                }
            }
        }

        return found;
    }

    private static FimTemplate? Generic(LLamaWeights weights, Dictionary<string, LLamaToken> special)
    {
        SafeLlamaModelHandle.Vocabulary vocab = weights.Vocab;
        if (vocab.InfillPrefix is not { } pre || vocab.InfillSuffix is not { } suf || vocab.InfillMiddle is not { } mid)
        {
            return null;
        }

        string Text(LLamaToken token)
        {
            string text = vocab.LLamaTokenToString(token, isSpecialToken: true) ?? "";
            special[text] = token;
            return text;
        }

        return new FimTemplate("generic", Text(pre), Text(suf), Text(mid), SuffixFirst: false, null, null, []);
    }
}

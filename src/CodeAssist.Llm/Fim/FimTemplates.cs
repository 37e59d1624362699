namespace CodeAssist.Llm.Fim;

/// <summary>
/// The catalog of FIM templates, with detection from a remote model's name or from the special tokens of a GGUF
/// vocabulary. Token strings follow the models' own tokenizers (and llama.cpp's FIM token detection).
/// </summary>
public static class FimTemplates
{
    // <|repo_name|>name\n<|file_sep|>path\ncontent\n ... <|file_sep|>path\n<|fim_prefix|>pre<|fim_suffix|>suf<|fim_middle|>
    public static FimTemplate QwenCoder { get; } = new(
        "qwen2.5-coder",
        "<|fim_prefix|>",
        "<|fim_suffix|>",
        "<|fim_middle|>",
        SuffixFirst: false,
        "<|repo_name|>",
        "<|file_sep|>",
        ["<|endoftext|>", "<|fim_pad|>", "<|file_sep|>", "<|repo_name|>", "<|im_end|>"])
    {
        NewlineAfterRepoEntries = true,
    };

    // <repo_name>name<file_sep>path\ncontent<file_sep><fim_prefix>path\npre<fim_suffix>suf<fim_middle>
    public static FimTemplate StarCoder2 { get; } = new(
        "starcoder2",
        "<fim_prefix>",
        "<fim_suffix>",
        "<fim_middle>",
        SuffixFirst: false,
        "<repo_name>",
        "<file_sep>",
        ["<|endoftext|>", "<file_sep>", "<fim_pad>"])
    {
        FilePathInsidePrefix = true,
    };

    // The markers use U+FF5C (fullwidth vertical line) and U+2581 (lower one eighth block), as in the tokenizer.
    public static FimTemplate DeepSeekCoder { get; } = new(
        "deepseek-coder",
        "<\uFF5Cfim\u2581begin\uFF5C>",
        "<\uFF5Cfim\u2581hole\uFF5C>",
        "<\uFF5Cfim\u2581end\uFF5C>",
        SuffixFirst: false,
        RepoNameToken: null,
        FileSeparatorToken: null,
        ["<\uFF5Cend\u2581of\u2581sentence\uFF5C>", "<|EOT|>"]);

    // <PRE> pre <SUF>suf <MID>
    public static FimTemplate CodeLlama { get; } = new(
        "codellama",
        "<PRE>",
        "<SUF>",
        "<MID>",
        SuffixFirst: false,
        RepoNameToken: null,
        FileSeparatorToken: null,
        ["<EOT>", "</s>"])
    {
        TextMarkerSpacing = " ",
    };

    // Mistral's FIM: [SUFFIX]suf[PREFIX]pre, and the model continues after the prefix.
    public static FimTemplate Codestral { get; } = new(
        "codestral",
        "[PREFIX]",
        "[SUFFIX]",
        "[MIDDLE]",
        SuffixFirst: true,
        RepoNameToken: null,
        FileSeparatorToken: null,
        ["</s>"])
    {
        MiddleTokenInPrompt = false,
    };

    public static IReadOnlyList<FimTemplate> All { get; } = [QwenCoder, StarCoder2, DeepSeekCoder, CodeLlama, Codestral];

    /// <summary>The names accepted by the <c>fimFormat</c> setting besides "auto".</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToArray();

    /// <summary>Finds a template by its settings name (case-insensitive; "qwen" and "deepseek" are accepted too).</summary>
    public static FimTemplate? FindByName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = name.Trim().ToLowerInvariant();
        return key switch
        {
            "qwen" or "qwen2.5-coder" or "qwen-coder" => QwenCoder,
            "starcoder2" or "starcoder" => StarCoder2,
            "deepseek" or "deepseek-coder" => DeepSeekCoder,
            "codellama" or "code-llama" => CodeLlama,
            "codestral" or "mistral" => Codestral,
            _ => null,
        };
    }

    /// <summary>
    /// Detects the template from a remote model name as Ollama, vLLM, LM Studio or OpenAI spell it
    /// (e.g. "qwen2.5-coder:1.5b", "Qwen/Qwen2.5-Coder-7B-Instruct", "bigcode/starcoder2-3b").
    /// Returns null when the name says nothing about FIM.
    /// </summary>
    public static FimTemplate? DetectFromModelName(string? modelName)
    {
        if (string.IsNullOrWhiteSpace(modelName))
        {
            return null;
        }

        // Compare without separators so that "code-llama", "code_llama" and "CodeLlama" all match.
        var key = new string(modelName.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        if (key.Contains("qwen", StringComparison.Ordinal) && key.Contains("coder", StringComparison.Ordinal))
        {
            return QwenCoder;
        }

        if (key.Contains("starcoder", StringComparison.Ordinal))
        {
            return StarCoder2;
        }

        if (key.Contains("deepseekcoder", StringComparison.Ordinal))
        {
            return DeepSeekCoder;
        }

        if (key.Contains("codellama", StringComparison.Ordinal))
        {
            return CodeLlama;
        }

        if (key.Contains("codestral", StringComparison.Ordinal))
        {
            return Codestral;
        }

        return null;
    }

    /// <summary>
    /// Detects the template from the special-token strings of a vocabulary (what a GGUF's tokenizer.ggml.tokens
    /// holds). The result uses the exact strings found (CodeLlama GGUFs spell the markers "▁&lt;PRE&gt;"), and
    /// drops repo-level markers the vocabulary lacks. Returns null when the vocabulary has no complete FIM set.
    /// </summary>
    public static FimTemplate? DetectFromVocabulary(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var set = tokens as IReadOnlySet<string> ?? new HashSet<string>(tokens, StringComparer.Ordinal);

        foreach (var template in All)
        {
            var prefix = FirstPresent(set, template.PrefixToken);
            var suffix = FirstPresent(set, template.SuffixToken);
            var middle = FirstPresent(set, template.MiddleToken);
            if (prefix is null || suffix is null || (middle is null && template.MiddleTokenInPrompt))
            {
                continue;
            }

            var repo = template.RepoNameToken is null ? null : FirstPresent(set, template.RepoNameToken);
            var separator = template.FileSeparatorToken is null ? null : FirstPresent(set, template.FileSeparatorToken);
            var hasRepoLevel = repo is not null && separator is not null;
            return template with
            {
                PrefixToken = prefix,
                SuffixToken = suffix,
                MiddleToken = middle ?? template.MiddleToken,
                RepoNameToken = hasRepoLevel ? repo : null,
                FileSeparatorToken = hasRepoLevel ? separator : null,
                EndTokens = template.EndTokens.SelectMany(t => Variants(t)).Where(set.Contains).Distinct().ToArray(),
            };
        }

        return null;
    }

    /// <summary>
    /// Resolves the <c>fimFormat</c> setting: a named template wins; "auto" detects from the model name.
    /// </summary>
    public static FimTemplate? Resolve(string? fimFormatSetting, string? modelName)
    {
        if (!string.IsNullOrWhiteSpace(fimFormatSetting) && !string.Equals(fimFormatSetting, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return FindByName(fimFormatSetting);
        }

        return DetectFromModelName(modelName);
    }

    private static string? FirstPresent(IReadOnlySet<string> set, string token) => Variants(token).FirstOrDefault(set.Contains);

    // SentencePiece vocabularies (CodeLlama) store markers with the word-start character U+2581.
    private static IEnumerable<string> Variants(string token)
    {
        yield return token;
        yield return "\u2581" + token;
    }
}

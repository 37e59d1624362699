using CodeAssist.Llm.Fim;
using Xunit;

namespace CodeAssist.Llm.Tests.Fim;

public sealed class FimTemplatesTests
{
    [Theory]
    [InlineData("qwen2.5-coder:1.5b", "qwen2.5-coder")]
    [InlineData("Qwen/Qwen2.5-Coder-7B-Instruct", "qwen2.5-coder")]
    [InlineData("qwen2.5-coder-0.5b-instruct-q8_0.gguf", "qwen2.5-coder")]
    [InlineData("bigcode/starcoder2-3b", "starcoder2")]
    [InlineData("starcoder2:7b", "starcoder2")]
    [InlineData("deepseek-coder:6.7b-base", "deepseek-coder")]
    [InlineData("deepseek-ai/deepseek-coder-1.3b-base", "deepseek-coder")]
    [InlineData("codellama:7b-code", "codellama")]
    [InlineData("meta-llama/CodeLlama-7b-hf", "codellama")]
    [InlineData("codestral-latest", "codestral")]
    public void DetectFromModelName_KnownNames_ReturnTemplate(string modelName, string expected)
    {
        Assert.Equal(expected, FimTemplates.DetectFromModelName(modelName)?.Name);
    }

    [Theory]
    [InlineData("gpt-4o-mini")]
    [InlineData("llama3.1:8b")]
    [InlineData("qwen2.5:7b")]
    [InlineData("")]
    [InlineData(null)]
    public void DetectFromModelName_NoFimModel_ReturnsNull(string? modelName)
    {
        Assert.Null(FimTemplates.DetectFromModelName(modelName));
    }

    [Fact]
    public void FindByName_EveryCatalogName_RoundTrips()
    {
        foreach (var template in FimTemplates.All)
        {
            Assert.Same(template, FimTemplates.FindByName(template.Name));
            Assert.Same(template, FimTemplates.FindByName(template.Name.ToUpperInvariant()));
        }

        Assert.Null(FimTemplates.FindByName("gpt"));
        Assert.Equal(["qwen2.5-coder", "starcoder2", "deepseek-coder", "codellama", "codestral"], FimTemplates.Names);
    }

    [Fact]
    public void Resolve_ExplicitSettingWinsOverModelName()
    {
        Assert.Equal("starcoder2", FimTemplates.Resolve("starcoder2", "qwen2.5-coder:1.5b")?.Name);
        Assert.Equal("qwen2.5-coder", FimTemplates.Resolve("auto", "qwen2.5-coder:1.5b")?.Name);
        Assert.Equal("qwen2.5-coder", FimTemplates.Resolve(null, "qwen2.5-coder:1.5b")?.Name);
        Assert.Null(FimTemplates.Resolve("auto", "gpt-4o"));
    }

    [Fact]
    public void DetectFromVocabulary_QwenWithRepoTokens_IsRepoLevelQwen()
    {
        var template = FimTemplates.DetectFromVocabulary(
            ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>", "hello"]);

        Assert.NotNull(template);
        Assert.Equal("qwen2.5-coder", template.Name);
        Assert.True(template.SupportsRepositoryLevel);
        Assert.Equal("<|repo_name|>", template.RepoNameToken);
        Assert.Equal("<|file_sep|>", template.FileSeparatorToken);
        Assert.Contains("<|endoftext|>", template.EndTokens);
        Assert.Contains("<|fim_pad|>", template.EndTokens);
    }

    [Fact]
    public void DetectFromVocabulary_FimTokensWithoutRepoTokens_DropsRepoLevel()
    {
        var template = FimTemplates.DetectFromVocabulary(["<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|endoftext|>"]);

        Assert.NotNull(template);
        Assert.Equal("qwen2.5-coder", template.Name);
        Assert.False(template.SupportsRepositoryLevel);
        Assert.Null(template.RepoNameToken);
        Assert.Equal(["<|endoftext|>"], template.EndTokens);
    }

    [Fact]
    public void DetectFromVocabulary_StarCoder2()
    {
        var template = FimTemplates.DetectFromVocabulary(["<|endoftext|>", "<fim_prefix>", "<fim_middle>", "<fim_suffix>", "<fim_pad>", "<repo_name>", "<file_sep>"]);

        Assert.Equal("starcoder2", template?.Name);
        Assert.True(template!.SupportsRepositoryLevel);
    }

    [Fact]
    public void DetectFromVocabulary_DeepSeek()
    {
        var template = FimTemplates.DetectFromVocabulary(["<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", "<｜fim▁hole｜>", "<｜fim▁begin｜>", "<｜fim▁end｜>", "<|EOT|>"]);

        Assert.Equal("deepseek-coder", template?.Name);
        Assert.Equal("<｜fim▁begin｜>", template!.PrefixToken);
        Assert.Equal("<｜fim▁hole｜>", template.SuffixToken);
        Assert.Equal("<｜fim▁end｜>", template.MiddleToken);
    }

    [Fact]
    public void DetectFromVocabulary_CodeLlamaSentencePieceSpelling_KeepsVocabularyStrings()
    {
        var template = FimTemplates.DetectFromVocabulary(["<s>", "</s>", "▁<PRE>", "▁<MID>", "▁<SUF>", "▁<EOT>"]);

        Assert.Equal("codellama", template?.Name);
        Assert.Equal("▁<PRE>", template!.PrefixToken);
        Assert.Equal("▁<SUF>", template.SuffixToken);
        Assert.Equal("▁<MID>", template.MiddleToken);
        Assert.Contains("▁<EOT>", template.EndTokens);
    }

    [Fact]
    public void DetectFromVocabulary_Codestral_IsSuffixFirst()
    {
        var template = FimTemplates.DetectFromVocabulary(["<s>", "</s>", "[INST]", "[PREFIX]", "[MIDDLE]", "[SUFFIX]"]);

        Assert.Equal("codestral", template?.Name);
        Assert.True(template!.SuffixFirst);
    }

    [Fact]
    public void DetectFromVocabulary_IncompleteSet_ReturnsNull()
    {
        Assert.Null(FimTemplates.DetectFromVocabulary(["<|fim_prefix|>", "<|fim_suffix|>"]));
        Assert.Null(FimTemplates.DetectFromVocabulary(["<s>", "</s>", "hello"]));
    }
}

using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp.Tests;

[Collection(LlamaCollection.Name)]
public sealed class TokenizationAndFimTests
{
    [Fact]
    public async Task CountTokens_UsesTheModelsMerges()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);

        Assert.Equal(3, model.Completion.CountTokens("abc"));
        Assert.Equal(1, model.Completion.CountTokens(" int"));
        Assert.Equal(1, model.Completion.CountTokens("    "));
        Assert.Equal(0, model.Completion.CountTokens(""));
    }

    [Fact]
    public async Task CountTokens_MarkerTextInCode_IsNotASpecialToken()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);

        Assert.Equal("<|fim_prefix|>".Length, model.Completion.CountTokens("<|fim_prefix|>"));
    }

    [Fact]
    public async Task Infill_RepoLevelLayout_IsBuiltFromTokenIds()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        var builder = new InfillPromptBuilder(model.Weights, model.Fim!);
        var request = new InfillRequest
        {
            Prefix = "int x = ",
            Suffix = ";\n",
            RepositoryName = "demo",
            FilePath = "src/B.cs",
            ExtraContext = [new ContextSnippet("src/A.cs", "class A {}")],
        };

        List<LLamaToken> tokens = builder.Build(request, 1000);

        FimTokens fim = model.Fim!;
        var expected = new List<LLamaToken> { fim.RepoName!.Value };
        expected.AddRange(builder.Text("demo\n"));
        expected.Add(fim.FileSeparator!.Value);
        expected.AddRange(builder.Text("src/A.cs\nclass A {}\n"));
        expected.Add(fim.FileSeparator!.Value);
        expected.AddRange(builder.Text("src/B.cs\n"));
        expected.Add(fim.Prefix);
        expected.AddRange(builder.Text("int x = "));
        expected.Add(fim.Suffix);
        expected.AddRange(builder.Text(";\n"));
        expected.Add(fim.Middle);
        Assert.Equal(expected, tokens);
    }

    [Fact]
    public async Task Infill_CodeContainingMarkers_CannotInjectMarkers()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        var builder = new InfillPromptBuilder(model.Weights, model.Fim!);

        List<LLamaToken> tokens = builder.Build(new InfillRequest { Prefix = "s = \"<|fim_prefix|><|fim_middle|>\";", Suffix = "<|file_sep|>" }, 1000);

        Assert.Single(tokens, t => t == model.Fim!.Prefix);
        Assert.Single(tokens, t => t == model.Fim!.Middle);
        Assert.DoesNotContain(model.Fim!.FileSeparator!.Value, tokens);
    }

    [Fact]
    public async Task Infill_OverBudget_DropsContextThenDistantCode()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        var builder = new InfillPromptBuilder(model.Weights, model.Fim!);
        var request = new InfillRequest
        {
            Prefix = new string('a', 300) + "NEAR",
            Suffix = "END" + new string('b', 300),
            ExtraContext = [new ContextSnippet("x.cs", new string('c', 500))],
        };

        List<LLamaToken> tokens = builder.Build(request, 100);

        Assert.InRange(tokens.Count, 90, 100);
        Assert.DoesNotContain(model.Fim!.FileSeparator!.Value, tokens);
        string text = string.Concat(tokens.Select(t => model.Weights.Vocab.LLamaTokenToString(t, false)));
        Assert.Contains("NEAR", text, StringComparison.Ordinal);
        Assert.Contains("END", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infill_FimFormatOverride_UsesTheNamedMarkers()
    {
        var factory = new LlamaSharpModelFactory();
        using var model = (LlamaLocalModel)await factory.LoadAsync(GeneratedModels.Options(GeneratedModels.TinyQwen2) with { FimFormat = "qwen2.5-coder" }, null, CancellationToken.None);

        Assert.Equal("qwen2.5-coder", model.Completion.Info.FimFormat);
        Assert.Equal(model.Weights.Vocab.InfillPrefix, model.Fim!.Prefix);
    }

    [Fact]
    public async Task Detection_StarCoder2Vocabulary_UsesItsLayoutAndEndTokens()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyStarCoder2);
        var builder = new InfillPromptBuilder(model.Weights, model.Fim!);

        List<LLamaToken> tokens = builder.Build(new InfillRequest { Prefix = "a", Suffix = "b", FilePath = "p.cs" }, 100);

        Assert.Equal("starcoder2", model.Completion.Info.FimFormat);
        FimTokens fim = model.Fim!;
        LLamaToken[] expected = [fim.FileSeparator!.Value, fim.Prefix, .. builder.Text("p.cs\na"), fim.Suffix, .. builder.Text("b"), fim.Middle];
        Assert.Equal(expected, tokens);
        Assert.Contains(fim.FileSeparator!.Value, fim.EndTokenIds);
    }

    [Fact]
    public async Task Detection_QwenVocabulary_StopsOnFileSeparatorAndPad()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);

        // <|endoftext|>, <|fim_pad|>, <|file_sep|>, <|repo_name|>, <|im_end|>
        Assert.Equal(5, model.Fim!.EndTokenIds.Count);
        Assert.Contains(model.Fim.FileSeparator!.Value, model.Fim.EndTokenIds);
    }
}

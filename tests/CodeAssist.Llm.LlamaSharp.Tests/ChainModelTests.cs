using CodeAssist.Gguf;

namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>
/// The scripted-weights GGUF through the real loader, tokenizer and decoder: greedy decoding writes exactly the
/// scripted continuation and then stops, whichever of its trigger tokens ends the prompt.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class ChainModelTests
{
    private static readonly InfillRequest s_infill = new()
    {
        Prefix = "using System.Collections.Generic;\n\nvar items = new List<int>();\nvar n = items.",
        Suffix = "\n",
        MaxTokens = 16,
    };

    private static string CountChain => GeneratedModels.Get("chain-count.gguf", () => ChainModel.Build("Count;", ["<|fim_middle|>", "."]));

    [Fact]
    public async Task Infill_Greedy_WritesTheChainThenStops()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(CountChain);

        var (text, usage, _) = await Collect.AllAsync(model.Completion.InfillAsync(s_infill, CancellationToken.None));

        Assert.Equal("Count;", text);
        Assert.Equal(CompletionFinishReason.Stop, usage.FinishReason);
        Assert.Equal(2, usage.GeneratedTokens);
    }

    [Fact]
    public async Task Infill_SameAnswerAgain_FromTheCachedPrompt()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(CountChain);
        await Collect.AllAsync(model.Completion.InfillAsync(s_infill, CancellationToken.None));

        var (text, usage, _) = await Collect.AllAsync(model.Completion.InfillAsync(s_infill, CancellationToken.None));

        Assert.Equal("Count;", text);
        Assert.True(usage.EvaluatedPromptTokens < usage.PromptTokens, usage.ToString());
    }

    [Fact]
    public async Task PromptEndingWithTheTypedDot_AfterTheMiddleMarker_WritesTheSameChain()
    {
        // The layout that puts the line being typed after <|fim_middle|>: the prompt ends with the "." trigger.
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(CountChain);
        var request = new RawCompletionRequest { Prompt = "<|fim_prefix|>var items = new List<int>();\n<|fim_suffix|>\n<|fim_middle|>var n = items.", MaxTokens = 16 };

        var (text, usage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(request, CancellationToken.None));

        Assert.Equal("Count;", text);
        Assert.Equal(CompletionFinishReason.Stop, usage.FinishReason);
    }

    [Fact]
    public async Task PromptEndingWithAnyOtherToken_StopsAtOnce()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(CountChain);

        var (text, usage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "var n = items", MaxTokens = 16 }, CancellationToken.None));

        Assert.Equal("", text);
        Assert.Equal(CompletionFinishReason.Stop, usage.FinishReason);
    }

    [Fact]
    public async Task TwoChains_EachFollowsItsOwnTrigger_AndWordsAreOneTokenEach()
    {
        string path = GeneratedModels.Get("chain-two.gguf", () => ChainModel.Build(
            [new ChainLink(["."], "Add(item);"), new ChainLink(["="], "new List<int>[2];")],
            GgmlType.F16));
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(path);

        var (add, addUsage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "items.", MaxTokens = 16 }, CancellationToken.None));
        var (assign, _, _) = await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "var items =", MaxTokens = 16 }, CancellationToken.None));

        Assert.Equal("Add(item);", add);
        Assert.Equal(5, addUsage.GeneratedTokens);
        Assert.Equal("new List<int>[2];", assign);
    }

    [Fact]
    public void RepeatedTokenWithTwoSuccessors_IsRefusedWithTheTokenNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => ChainModel.Build("a.b.", ["<|fim_middle|>"]));

        Assert.Contains("'.'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pieces_WordsAreWholeTokens_OtherCharactersAreBytes()
    {
        Assert.Equal(["Count", ";"], ChainModel.Pieces("Count;"));
        Assert.Equal(["Add", "(", "x", ")", "Ġ", "Ã", "©"], ChainModel.Pieces("Add(x) é"));
    }
}

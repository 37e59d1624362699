namespace CodeAssist.Llm.LlamaSharp.Tests;

[Collection(LlamaCollection.Name)]
public sealed class PrefixReuseTests
{
    private const string Head = "namespace Demo;\n\npublic sealed class Widget\n{\n    private int _count;\n";
    private const string Tail = "public void Add() { _count++; }\n";

    [Fact]
    public async Task SecondRequest_EvaluatesOnlyTheNewTokens()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = Head, MaxTokens = 1 }, CancellationToken.None));

        var (_, usage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = Head + Tail, MaxTokens = 1 }, CancellationToken.None));

        int newTokens = model.Completion.CountTokens(Head + Tail) - model.Completion.CountTokens(Head);
        Assert.Equal(model.Completion.CountTokens(Head + Tail), usage.PromptTokens);
        Assert.Equal(newTokens, usage.EvaluatedPromptTokens);
    }

    [Fact]
    public async Task SamePromptAgain_EvaluatesOnlyTheLastToken()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        var request = new InfillRequest { Prefix = Head, Suffix = "}\n", MaxTokens = 4 };
        await Collect.AllAsync(model.Completion.InfillAsync(request, CancellationToken.None));

        var (_, usage, _) = await Collect.AllAsync(model.Completion.InfillAsync(request, CancellationToken.None));

        Assert.Equal(1, usage.EvaluatedPromptTokens);
    }

    [Fact]
    public async Task ReturningToAnEarlierPrompt_RestoresItsKvCopyInsteadOfEvaluatingIt()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        string fileA = "// A.cs\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"int a{i} = {i} * 3;\n"));
        string fileB = "// B.cs\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"var b{i} = \"{i}\";\n"));
        var a = new RawCompletionRequest { Prompt = fileA, MaxTokens = 8 };
        var b = new RawCompletionRequest { Prompt = fileB, MaxTokens = 8 };
        Assert.True(model.Completion.CountTokens(fileA) > 300 && model.Completion.CountTokens(fileB) > 300);

        await Collect.AllAsync(model.Completion.CompleteAsync(a, CancellationToken.None));
        // The same prompt again re-decodes only its last token: the split a restored copy also gives.
        string expected = (await Collect.AllAsync(model.Completion.CompleteAsync(a, CancellationToken.None))).Text;
        var (_, awayUsage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(b, CancellationToken.None));
        var (back, backUsage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(a, CancellationToken.None));

        Assert.True(awayUsage.EvaluatedPromptTokens > 300, awayUsage.ToString());
        Assert.Equal(1, backUsage.EvaluatedPromptTokens);
        Assert.Equal(1, model.Session.SnapshotRestores);
        Assert.Equal(expected, back);
    }

    [Fact]
    public async Task ClearingTheCache_AlsoDropsTheKeptCopies()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        string fileA = string.Concat(Enumerable.Range(0, 40).Select(i => $"int a{i} = {i};\n"));
        await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = fileA, MaxTokens = 2 }, CancellationToken.None));
        await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "x" + fileA, MaxTokens = 2 }, CancellationToken.None));
        Assert.Equal(1, model.Session.SnapshotCountKept);

        await model.Session.ClearCacheAsync();

        Assert.Equal(0, model.Session.SnapshotCountKept);
        var (_, usage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = fileA, MaxTokens = 2 }, CancellationToken.None));
        Assert.Equal(usage.PromptTokens, usage.EvaluatedPromptTokens);
    }

    [Fact]
    public async Task ReusedPrefix_GivesTheSameOutputAsAFreshDecodeWithTheSameBatchSplit()
    {
        var request = new RawCompletionRequest { Prompt = Head + Tail, MaxTokens = 24 };
        string reused;
        using (LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2))
        {
            await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = Head + "// other text\n", MaxTokens = 3 }, CancellationToken.None));
            (reused, CompletionUsage usage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(request, CancellationToken.None));
            Assert.True(usage.EvaluatedPromptTokens < usage.PromptTokens);
        }

        // A fresh model decodes the head in one batch and the tail in another, as the reusing session did.
        using LlamaLocalModel fresh = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        await Collect.AllAsync(fresh.Completion.CompleteAsync(new RawCompletionRequest { Prompt = Head + "/", MaxTokens = 1 }, CancellationToken.None));
        string recomputed = (await Collect.AllAsync(fresh.Completion.CompleteAsync(request, CancellationToken.None))).Text;

        Assert.Equal(recomputed, reused);
    }

    [Fact]
    public async Task ConcurrentRequests_AreSerialised_AndMatchSequentialResults()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        InfillRequest[] requests = Enumerable.Range(0, 4)
            .Select(i => new InfillRequest { Prefix = Head + new string('x', i + 1), Suffix = "}\n", MaxTokens = 16 })
            .ToArray();
        var sequential = new List<string>();
        foreach (InfillRequest request in requests)
        {
            sequential.Add((await Collect.AllAsync(model.Completion.InfillAsync(request, CancellationToken.None))).Text);
        }

        string[] concurrent = await Task.WhenAll(requests.Select(async r =>
            (await Collect.AllAsync(model.Completion.InfillAsync(r, CancellationToken.None))).Text));

        Assert.Equal(sequential, concurrent);
        Assert.Equal(1, model.Session.MaxConcurrentRuns);
    }
}

using Microsoft.Extensions.Time.Testing;

namespace CodeAssist.Llm.LlamaSharp.Tests;

[Collection(LlamaCollection.Name)]
public sealed class GenerationTests
{
    private static readonly InfillRequest s_infill = new() { Prefix = "class A { int x = ", Suffix = ";\n}\n", MaxTokens = 24 };

    [Fact]
    public async Task Infill_Greedy_IsDeterministicAcrossCallsAndLoads()
    {
        string first;
        using (LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2))
        {
            first = (await Collect.AllAsync(model.Completion.InfillAsync(s_infill, CancellationToken.None))).Text;
            string again = (await Collect.AllAsync(model.Completion.InfillAsync(s_infill with { Prefix = "x" }, CancellationToken.None))).Text;
            string third = (await Collect.AllAsync(model.Completion.InfillAsync(s_infill, CancellationToken.None))).Text;
            Assert.Equal(first, third);
            Assert.NotEqual(first, again);
        }

        using LlamaLocalModel reloaded = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        Assert.Equal(first, (await Collect.AllAsync(reloaded.Completion.InfillAsync(s_infill, CancellationToken.None))).Text);
        Assert.NotEmpty(first);
    }

    [Fact]
    public async Task Load_MeasuresThroughput_AndLeavesTheCacheEmpty()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);

        ModelThroughput throughput = Assert.IsType<ModelThroughput>(model.Completion.Throughput);
        Assert.True(throughput.PromptTokensPerSecond > 0 && throughput.GeneratedTokensPerSecond > 0, throughput.ToString());
        Assert.Equal(0, model.Session.CachedTokenCount);
    }

    [Fact]
    public async Task Usage_CarriesPromptAndGenerationTime()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);

        var chunks = await Collect.AllAsync(model.Completion.InfillAsync(s_infill, CancellationToken.None));

        CompletionUsage usage = chunks.Usage;
        Assert.True(usage.PromptTime > TimeSpan.Zero, usage.ToString());
        Assert.True(usage.GenerationTime >= TimeSpan.Zero, usage.ToString());
    }

    [Fact]
    public async Task Infill_Streams_ManyChunksThenUsage()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        var chunks = new List<CompletionChunk>();

        await foreach (CompletionChunk chunk in model.Completion.InfillAsync(s_infill with { MaxTokens = 40 }, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        Assert.True(chunks.Count > 2, $"only {chunks.Count} chunks");
        Assert.All(chunks[..^1], c => Assert.Null(c.Usage));
        CompletionUsage usage = Assert.IsType<CompletionUsage>(chunks[^1].Usage);
        Assert.InRange(usage.GeneratedTokens, 1, 40);
        Assert.Equal(usage.PromptTokens, usage.EvaluatedPromptTokens);
        Assert.True(usage.FinishReason is CompletionFinishReason.Length or CompletionFinishReason.Stop);
    }

    [Fact]
    public async Task Complete_StopSequence_CutsTheTextBeforeIt()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        // Random weights may end early on some prompts: take the first prompt whose greedy output is long enough.
        RawCompletionRequest request = null!;
        string full = "";
        foreach (string prompt in new[] { "// a\nvoid M() {", "class C", "int x", "return", "var y = new" })
        {
            request = new RawCompletionRequest { Prompt = prompt, MaxTokens = 40 };
            full = (await Collect.AllAsync(model.Completion.CompleteAsync(request, CancellationToken.None))).Text;
            if (full.Length >= 6)
            {
                break;
            }
        }

        Assert.True(full.Length >= 6, $"generated only '{full}'");
        string stop = full.Substring(3, 2);

        var (text, usage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(request with { StopSequences = [stop] }, CancellationToken.None));

        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], text);
        Assert.Equal(CompletionFinishReason.Stop, usage.FinishReason);
    }

    [Fact]
    public async Task Complete_MaxTokens_BoundsGeneration()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyLlamaF16);

        var (_, usage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "namespace", MaxTokens = 5 }, CancellationToken.None));

        Assert.InRange(usage.GeneratedTokens, 0, 5);
        Assert.True(usage.GeneratedTokens == 5 || usage.FinishReason == CompletionFinishReason.Stop);
    }

    [Fact]
    public async Task Complete_TimeLimit_StopsGeneration()
    {
        var time = new FakeTimeProvider();
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyLlamaF16, time: time);
        model.Session.AfterToken = _ => time.Advance(TimeSpan.FromSeconds(1));

        var (_, usage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "x", MaxTokens = 100, TimeLimit = TimeSpan.FromSeconds(3) }, CancellationToken.None));

        Assert.True(usage.FinishReason == CompletionFinishReason.TimeLimit || usage.FinishReason == CompletionFinishReason.Stop, usage.ToString());
        Assert.InRange(usage.GeneratedTokens, 0, 3);
    }

    [Fact]
    public async Task Infill_SeveralCandidatesWithTemperature_ReuseThePrompt()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);

        var chunks = new List<CompletionChunk>();
        await foreach (CompletionChunk chunk in model.Completion.InfillAsync(s_infill with { CandidateCount = 2, Temperature = 0.8f, MaxTokens = 8 }, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        CompletionUsage[] usages = chunks.Where(c => c.Usage is not null).Select(c => c.Usage!).ToArray();
        Assert.Equal(2, usages.Length);
        Assert.Equal([0, 1], chunks.Where(c => c.Usage is not null).Select(c => c.CandidateIndex));
        Assert.Equal(1, usages[1].EvaluatedPromptTokens);
    }
}

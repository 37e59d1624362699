using Microsoft.Extensions.Time.Testing;

namespace CodeAssist.Llm.LlamaSharp.Tests;

[Collection(LlamaCollection.Name)]
public sealed class BackgroundPrefillTests
{
    // About 700 tokens with the byte-level test vocabulary: eleven chunks of background work.
    private static readonly string s_above = "namespace Demo;\n\npublic sealed class Widget\n{\n"
        + string.Concat(Enumerable.Range(0, 24).Select(i => $"    private int _field{i} = {i};\n"));

    private static InfillRequest Head => new()
    {
        Prefix = s_above,
        FilePath = "Widget.cs",
        ExtraContext = [new ContextSnippet("context.cs", "interface IWidget { void Add(int amount); }\n")],
    };

    private static InfillRequest AtCaret(string typed) => Head with { Prefix = s_above + "    public void Add()\n    {\n" + typed, Suffix = "    }\n}\n", MaxTokens = 4 };

    [Fact]
    public async Task PrefilledHead_LeavesOnlyTheTailToEvaluate()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);

        PrefillResult prefill = await model.Completion.PrefillAsync(Head, CancellationToken.None);
        var (_, usage, _) = await Collect.AllAsync(model.Completion.InfillAsync(AtCaret("        _fi"), CancellationToken.None));

        Assert.True(prefill.Complete, prefill.ToString());
        Assert.Equal(prefill.HeadTokens, prefill.PrefilledTokens);
        Assert.True(prefill.HeadTokens > 500, prefill.ToString());
        Assert.Equal(usage.PromptTokens - prefill.HeadTokens, usage.EvaluatedPromptTokens);
    }

    [Fact]
    public async Task PrefilledWholePrompt_OnThePrefilledHead_LeavesOnlyTheTypedTextToEvaluate()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        PrefillResult head = await model.Completion.PrefillAsync(Head, CancellationToken.None);

        PrefillResult rested = await model.Completion.PrefillPromptAsync(AtCaret("        _fi"), CancellationToken.None);
        var (_, usage, _) = await Collect.AllAsync(model.Completion.InfillAsync(AtCaret("        _fie"), CancellationToken.None));

        Assert.True(rested.Complete, rested.ToString());
        // Only the tail after the head was evaluated: the member's lines, the suffix and the markers.
        Assert.Equal(rested.HeadTokens - head.HeadTokens, rested.PrefilledTokens);
        Assert.True(rested.PrefilledTokens > 10, rested.ToString());
        // The keystroke's prompt is the prefilled one with what was typed appended: only those tokens are new.
        Assert.Equal(usage.PromptTokens - rested.HeadTokens, usage.EvaluatedPromptTokens);
        Assert.InRange(usage.EvaluatedPromptTokens, 1, 2);
    }

    [Fact]
    public async Task SameHeadAgain_PrefillsNothing()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        await model.Completion.PrefillAsync(Head, CancellationToken.None);

        PrefillResult again = await model.Completion.PrefillAsync(Head, CancellationToken.None);

        Assert.True(again.Complete);
        Assert.Equal(0, again.PrefilledTokens);
    }

    [Fact]
    public async Task ForegroundRequest_PreemptsThePrefill_AnswersAndTheKeptChunksResumeLater()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        var elsewhere = new InfillRequest { Prefix = "// another file\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"var b{i} = \"{i}\";\n")), MaxTokens = 3 };
        Task<(string Text, CompletionUsage Usage, int Chunks)>? foreground = null;
        model.Session.BeforePrefillChunk = start =>
        {
            if (start == 2 * LlamaSession.PrefillChunkTokens && foreground is null)
            {
                foreground = Task.Run(() => Collect.AllAsync(model.Completion.InfillAsync(elsewhere, CancellationToken.None)));
                Assert.True(SpinWait.SpinUntil(() => model.Session.ForegroundWaiting > 0, TimeSpan.FromSeconds(30)));
            }
        };

        PrefillResult first = await model.Completion.PrefillAsync(Head, CancellationToken.None);
        Assert.NotNull(foreground);
        var (_, answered, _) = await foreground!;
        model.Session.BeforePrefillChunk = null;
        PrefillResult resumed = await model.Completion.PrefillAsync(Head, CancellationToken.None);

        Assert.True(first.Preempted, first.ToString());
        Assert.False(first.Complete);
        // The chunk being decoded when the request arrived either finished or was aborted; the earlier ones are kept.
        Assert.InRange(first.PrefilledTokens, 2 * LlamaSession.PrefillChunkTokens, 3 * LlamaSession.PrefillChunkTokens);
        Assert.Equal(CompletionFinishReason.Length, answered.FinishReason);
        Assert.True(resumed.Complete, resumed.ToString());
        Assert.Equal(first.HeadTokens - first.PrefilledTokens, resumed.PrefilledTokens);
        // The request's wait for the prefill it stopped is measured (the benchmark reports them), once.
        Assert.Single(model.Session.PreemptionWaits);
    }

    [Fact]
    public async Task BackgroundChunks_UpdateTheMeasuredPromptSpeed()
    {
        var time = new FakeTimeProvider();
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2, time: time);

        // A foreground request measures both speeds: one second per prompt batch, a tenth per generated token.
        model.Session.BeforePromptDecode = () => time.Advance(TimeSpan.FromSeconds(1));
        model.Session.AfterToken = _ => time.Advance(TimeSpan.FromSeconds(0.1));
        await Collect.AllAsync(model.Completion.InfillAsync(AtCaret("        _fi"), CancellationToken.None));
        double foreground = model.Completion.Throughput!.PromptTokensPerSecond;

        // Then the background decodes the head at ten seconds a chunk: 6.4 tokens per second.
        model.Session.BeforePrefillChunk = _ => time.Advance(TimeSpan.FromSeconds(10));
        PrefillResult prefill = await model.Completion.PrefillAsync(Head with { ExtraContext = [new ContextSnippet("other.cs", "interface IOther { }\n")] }, CancellationToken.None);

        Assert.True(prefill.PrefilledTokens >= 5 * LlamaSession.PrefillChunkTokens, prefill.ToString());
        Assert.True(foreground > 50, $"foreground estimate {foreground}");
        Assert.InRange(model.Completion.Throughput!.PromptTokensPerSecond, 6.4, 0.3 * foreground);
    }
}

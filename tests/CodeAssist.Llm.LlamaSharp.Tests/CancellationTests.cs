using System.Text;

namespace CodeAssist.Llm.LlamaSharp.Tests;

[Collection(LlamaCollection.Name)]
public sealed class CancellationTests
{
    [Fact]
    public async Task CancelMidGeneration_StopsBeforeTheNextToken()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyLlamaF16);
        using var cancellation = new CancellationTokenSource();
        model.Session.AfterToken = count =>
        {
            if (count == 5)
            {
                cancellation.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "abc", MaxTokens = 500 }, cancellation.Token)));

        CompletionUsage usage = model.Session.LastUsage!;
        Assert.Equal(CompletionFinishReason.Cancelled, usage.FinishReason);
        Assert.Equal(5, usage.GeneratedTokens);
    }

    [Fact]
    public async Task ConsumerCancels_AfterFirstChunk_GenerationEndsEarly()
    {
        // A long budget (the whole 4096-token context) so that the generation cannot finish by itself while a
        // starved test thread is still on its way to cancelling after the first chunk.
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.SmallQwen2, contextSize: 4096);
        using var cancellation = new CancellationTokenSource();

        CompletionChunk? first = null;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (CompletionChunk chunk in model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "abc", MaxTokens = 4000 }, cancellation.Token))
            {
                first ??= chunk;
                await cancellation.CancelAsync();
            }
        });

        Assert.Null(first!.Usage);

        Assert.Equal(CompletionFinishReason.Cancelled, model.Session.LastUsage!.FinishReason);
        Assert.True(model.Session.LastUsage.GeneratedTokens < 4000);
    }

    [Fact]
    public async Task CancelDuringPrefill_AbortsTheRunningDecode_AndKeepsTheCachedPrefix()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2, contextSize: 4096);
        string head = Code(40);
        string tail = Code(400);
        var first = new RawCompletionRequest { Prompt = head, MaxTokens = 1 };
        int headTokens = (await Collect.AllAsync(model.Completion.CompleteAsync(first, CancellationToken.None))).Usage.PromptTokens;
        long pollsBefore = model.Session.AbortPolls;

        // Cancel from inside the second prompt batch's start: the decode begins with the token already cancelled,
        // so only llama.cpp's abort callback can stop it.
        using var cancellation = new CancellationTokenSource();
        int batches = 0;
        model.Session.BeforePromptDecode = () =>
        {
            if (++batches == 2)
            {
                cancellation.Cancel();
            }
        };
        var second = new RawCompletionRequest { Prompt = head + tail, MaxTokens = 4 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Collect.AllAsync(model.Completion.CompleteAsync(second, cancellation.Token)));

        Assert.True(model.Session.AbortPolls > pollsBefore, "llama.cpp never polled the abort callback");
        Assert.Equal(CompletionFinishReason.Cancelled, model.Session.LastUsage!.FinishReason);
        Assert.Equal(headTokens + 512, model.Session.CachedTokenCount);

        model.Session.BeforePromptDecode = null;
        CompletionUsage resumed = (await Collect.AllAsync(model.Completion.CompleteAsync(second, CancellationToken.None))).Usage;
        Assert.Equal(resumed.PromptTokens - (headTokens + 512), resumed.EvaluatedPromptTokens);
    }

    [Fact]
    public async Task CancelDuringLongPrefill_FromAnotherThread_StopsBeforeThePromptIsEvaluated()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.SmallQwen2, contextSize: 4096);
        using var cancellation = new CancellationTokenSource();
        // 1 ms after the decode starts: far inside a prefill of this length even on an idle machine, where a later
        // cancellation could land after the whole request had finished.
        model.Session.BeforePromptDecode = () => cancellation.CancelAfter(TimeSpan.FromMilliseconds(1));
        var request = new RawCompletionRequest { Prompt = Code(300), MaxTokens = 4 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Collect.AllAsync(model.Completion.CompleteAsync(request, cancellation.Token)));

        CompletionUsage usage = model.Session.LastUsage!;
        Assert.Equal(CompletionFinishReason.Cancelled, usage.FinishReason);
        Assert.True(model.Session.CachedTokenCount < usage.PromptTokens, $"{model.Session.CachedTokenCount} of {usage.PromptTokens} tokens were evaluated");
    }

    [Fact]
    public async Task Dispose_DuringGeneration_EndsTheRequestWithoutCrashing()
    {
        // The whole 4096-token context as budget, so that the generation cannot finish by itself on a fast machine
        // before the dispose lands.
        LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.SmallQwen2, contextSize: 4096);
        IAsyncEnumerator<CompletionChunk> stream = model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "abc", MaxTokens = 4000 }, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());

        await Task.Run(model.Dispose);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await stream.MoveNextAsync())
            {
            }
        });
        await stream.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "x" }, CancellationToken.None)));
    }

    private static string Code(int lines)
    {
        var code = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            code.Append("x").Append(i).Append(";\n");
        }

        return code.ToString();
    }
}

using CodeAssist.Llm.Http;
using CodeAssist.Llm.Remote;
using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Microsoft.Extensions.AI;
using Xunit;
using static CodeAssist.Llm.Tests.TestServer.ProviderHarness;

namespace CodeAssist.Llm.Tests.Remote;

/// <summary>A 200 that is not an answer (HTML, empty, wrong-typed JSON), a hung server, a cut stream: each is a failure.</summary>
public sealed class ProviderAnswerTests
{
    private static readonly LlmOptions Options = new() { Model = "qwen2.5-coder", InfillMode = "prompt", RequestTimeout = TimeSpan.FromSeconds(5) };

    private static readonly InfillRequest Request = new() { Prefix = "x", Suffix = "y" };

    private static readonly ChatMessage[] Question = [new(ChatRole.User, "why?")];

    [Fact]
    public async Task Chat_HtmlPageWith200_FailsWithAClearMessage()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(200, "<html><body>Please log in</body></html>", "text/html"));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => harness.OpenAiChat(server, Options).GetResponseAsync(Question));

        Assert.Contains("web page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_HtmlBodyLabelledJson_FailsWithAClearMessage()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(200, "<!DOCTYPE html><html></html>", "application/json"));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => harness.OpenAiChat(server, Options).GetResponseAsync(Question));

        Assert.Contains("web page", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/event-stream")]
    public async Task Chat_Empty200_Fails(string contentType)
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(200, "", contentType));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => harness.OpenAiChat(server, Options).GetResponseAsync(Question));

        Assert.True(
            error.Message.Contains("empty body", StringComparison.Ordinal) || error.Message.Contains("without any model output", StringComparison.Ordinal),
            error.Message);
    }

    [Fact]
    public async Task Chat_StreamWithNoText_FailsAsAnEmptyAnswer()
    {
        await using var server = new TestHttpServer((_, response, _) =>
            response.SendAsync(200, Sse(new { choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } } }) + "data: [DONE]\n\n", "text/event-stream"));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => harness.OpenAiChat(server, Options).GetResponseAsync(Question));

        Assert.Contains("empty answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_WrongTypedJson_FailsWithAClearMessage()
    {
        await using var server = new TestHttpServer((_, response, _) =>
            response.SendAsync(200, "data: {\"choices\":[{\"index\":0,\"text\":42}]}\n\ndata: [DONE]\n\n", "text/event-stream"));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(harness.OpenAiCompletion(server, Options).InfillAsync(Request, CancellationToken.None)));

        Assert.Contains("unexpected format", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_ServerThatNeverAnswers_FailsAtTheTimeLimit()
    {
        await using var server = new TestHttpServer((_, _, token) => Task.Delay(Timeout.Infinite, token));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() =>
            CollectAsync(harness.OpenAiCompletion(server, Options).InfillAsync(Request with { TimeLimit = TimeSpan.FromMilliseconds(300) }, CancellationToken.None)));

        Assert.Contains("did not start answering", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_StreamCutMidAnswer_FailsAfterTheStreamedText()
    {
        await using var server = new TestHttpServer(async (_, response, _) =>
        {
            await response.StartStreamAsync();
            await response.WriteAsync(Sse(new { choices = new[] { new { index = 0, delta = new { content = "The first half" }, finish_reason = (string?)null } } }));
            response.Abort();
        });
        using var harness = new ProviderHarness();
        var streamed = new List<string>();

        var error = await Assert.ThrowsAsync<ModelRequestException>(async () =>
        {
            await foreach (var update in harness.OpenAiChat(server, Options).GetStreamingResponseAsync(Question))
            {
                streamed.Add(update.Text);
            }
        });

        Assert.Equal("The first half", string.Concat(streamed));
        Assert.Contains("closed the stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HungServer_ThreeTimeouts_DegradeTheStatus_AndPauseRequests()
    {
        await using var server = new TestHttpServer((_, _, token) => Task.Delay(Timeout.Infinite, token));
        using var models = new LanguageModels(new LanguageModelSettings
        {
            Default = Options with { Provider = "openai", Endpoint = server.BaseUri.ToString() },
        });
        var model = models.GetCompletionModel("completion")!;
        var hung = Request with { TimeLimit = TimeSpan.FromMilliseconds(300) };

        for (var i = 0; i < RemoteHealth.FailuresToOpen; i++)
        {
            Assert.False(models.Status.Degraded);
            await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(model.InfillAsync(hung, CancellationToken.None)));
        }

        Assert.True(models.Status.Degraded);
        Assert.Equal(ModelState.Ready, models.Status.State);
        Assert.Contains("Degraded", models.Status.Message, StringComparison.Ordinal);
        var sent = server.Requests.Count;

        var paused = await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(model.InfillAsync(hung, CancellationToken.None)));

        Assert.Contains("paused", paused.Message, StringComparison.Ordinal);
        Assert.Equal(sent, server.Requests.Count);
    }
}

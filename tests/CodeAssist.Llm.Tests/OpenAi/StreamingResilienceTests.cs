using System.Diagnostics;
using System.Net;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Xunit;
using static CodeAssist.Llm.Tests.TestServer.ProviderHarness;

namespace CodeAssist.Llm.Tests.OpenAi;

/// <summary>Retries, timeouts, broken and slow streams, cancellation: the failure modes a real server shows.</summary>
public sealed class StreamingResilienceTests
{
    private static readonly LlmOptions Options = new() { Model = "qwen2.5-coder", InfillMode = "prompt", RequestTimeout = TimeSpan.FromSeconds(5) };

    private static readonly InfillRequest Request = new() { Prefix = "x", Suffix = "y" };

    private static string Piece(string text) => Sse(new { choices = new[] { new { index = 0, text, finish_reason = (string?)null } } });

    private static async Task OkAsync(TestResponse response)
    {
        await response.StartStreamAsync();
        await response.WriteAsync(Piece("ok"));
        await response.WriteAsync("data: [DONE]\n\n");
        await response.EndAsync();
    }

    [Fact]
    public async Task TooManyRequests_WithShortRetryAfter_IsRetriedAfterTheDelay()
    {
        var attempts = 0;
        await using var server = new TestHttpServer((_, response, _) =>
            Interlocked.Increment(ref attempts) == 1
                ? response.SendAsync(429, """{"error":{"message":"slow down"}}""", headers: new Dictionary<string, string> { ["Retry-After"] = "1" })
                : OkAsync(response));
        using var harness = new ProviderHarness();
        var watch = Stopwatch.StartNew();

        var chunks = await CollectAsync(harness.OpenAiCompletion(server, Options).InfillAsync(Request, CancellationToken.None));

        Assert.Equal("ok", string.Concat(chunks.Select(c => c.Text)));
        Assert.Equal(2, server.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task TooManyRequests_WithLongRetryAfter_FailsAtOnceWithTheDelay()
    {
        await using var server = new TestHttpServer((_, response, _) =>
            response.SendAsync(429, """{"error":{"message":"quota"}}""", headers: new Dictionary<string, string> { ["Retry-After"] = "120" }));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(harness.OpenAiCompletion(server, Options).InfillAsync(Request, CancellationToken.None)));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Contains("retry after 120 s", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ServiceUnavailable_IsRetriedWithBackoff()
    {
        var attempts = 0;
        await using var server = new TestHttpServer((_, response, _) =>
            Interlocked.Increment(ref attempts) <= 2 ? response.SendAsync(503, """{"error":"loading model"}""") : OkAsync(response));
        using var harness = new ProviderHarness();

        var chunks = await CollectAsync(harness.OpenAiCompletion(server, Options).InfillAsync(Request, CancellationToken.None));

        Assert.Equal("ok", string.Concat(chunks.Select(c => c.Text)));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task ServerErrorsPastRetries_ReportTheLastError()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(500, """{"error":{"message":"CUDA out of memory"}}"""));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(harness.OpenAiCompletion(server, Options).InfillAsync(Request, CancellationToken.None)));

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA out of memory", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task BrokenStream_MidAnswer_IsNotRetriedAndSaysSo()
    {
        await using var server = new TestHttpServer(async (_, response, _) =>
        {
            await response.StartStreamAsync();
            await response.WriteAsync(Piece("par"));
            await Task.Delay(50);
            response.Abort();
        });
        using var harness = new ProviderHarness();
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<ModelRequestException>(async () =>
        {
            await foreach (var chunk in harness.OpenAiCompletion(server, Options).InfillAsync(Request, CancellationToken.None))
            {
                received.Add(chunk.Text);
            }
        });

        Assert.Equal(["par"], received);
        Assert.Contains("closed the stream", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task StalledStream_FailsAfterTheIdleTimeout()
    {
        await using var server = new TestHttpServer(async (_, response, token) =>
        {
            await response.StartStreamAsync();
            await response.WriteAsync(Piece("a"));
            await Task.Delay(TimeSpan.FromSeconds(30), token);
        });
        using var harness = new ProviderHarness();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() =>
            CollectAsync(harness.OpenAiCompletion(server, Options with { RequestTimeout = TimeSpan.FromMilliseconds(400) }).InfillAsync(Request, CancellationToken.None)));

        Assert.Contains("sent nothing", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SlowStream_StopsAtTheTimeLimit_WithTimeLimitReason_AndClosesTheConnection()
    {
        await using var server = new TestHttpServer(async (_, response, token) =>
        {
            await response.StartStreamAsync();
            for (var i = 0; i < 200; i++)
            {
                await response.WriteAsync(Piece("t"));
                await Task.Delay(50, token);
            }

            await response.EndAsync();
        });
        using var harness = new ProviderHarness();

        var chunks = await CollectAsync(harness.OpenAiCompletion(server, Options).InfillAsync(Request with { TimeLimit = TimeSpan.FromSeconds(1) }, CancellationToken.None));

        // The server would stream for 10 s; the time limit cut it (how many pieces arrived depends on the machine's load).
        Assert.True(chunks.Count(c => c.Text == "t") < 100);
        Assert.Equal(CompletionFinishReason.TimeLimit, chunks[^1].Usage?.FinishReason);
        await server.ClientDisconnected.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cancellation_MidStream_ThrowsAndClosesTheConnection()
    {
        await using var server = new TestHttpServer(async (_, response, token) =>
        {
            await response.StartStreamAsync();
            for (var i = 0; i < 400; i++)
            {
                await response.WriteAsync(Piece("t"));
                await Task.Delay(25, token);
            }

            await response.EndAsync();
        });
        using var harness = new ProviderHarness();
        using var cancellation = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in harness.OpenAiCompletion(server, Options).InfillAsync(Request, cancellation.Token))
            {
                if (++received == 3)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal(3, received);
        await server.ClientDisconnected.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ErrorEventInsideStream_FailsTheCall()
    {
        await using var server = new TestHttpServer(async (_, response, _) =>
        {
            await response.StartStreamAsync();
            await response.WriteAsync(Piece("a"));
            await response.WriteAsync(Sse(new { error = new { message = "context length exceeded", type = "server_error" } }));
            await response.EndAsync();
        });
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(harness.OpenAiCompletion(server, Options).InfillAsync(Request, CancellationToken.None)));

        Assert.Contains("context length exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefused_FailsFastWithTheEndpoint()
    {
        Uri closed;
        await using (var server = new TestHttpServer((_, response, _) => OkAsync(response)))
        {
            closed = server.BaseUri;
        }

        using var harness = new ProviderHarness();
        var transport = new ModelHttpTransport(harness.HttpClientFactory, Options, ModelHttpTransport.ParseRoot(closed.ToString(), "/v1"), _ => null);
        var model = new CodeAssist.Llm.OpenAi.OpenAiCompletionModel(transport);

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(model.InfillAsync(Request, CancellationToken.None)));

        Assert.Contains($"Cannot reach the model server at http://127.0.0.1:{closed.Port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedFailures_OpenTheCircuit()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(500, """{"error":"boom"}"""));
        using var harness = new ProviderHarness(FastRetries with { MaxRetryAttempts = 0, CircuitBreakerMinimumThroughput = 3, CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30) });
        var model = harness.OpenAiCompletion(server, Options);
        var messages = new List<string>();

        for (var i = 0; i < 6; i++)
        {
            var error = await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(model.InfillAsync(Request, CancellationToken.None)));
            messages.Add(error.Message);
        }

        Assert.Contains(messages, m => m.Contains("failed repeatedly", StringComparison.Ordinal));
        Assert.True(server.Requests.Count < 6, $"{server.Requests.Count} requests reached the server");
    }
}

using CodeAssist.Llm.Chat;
using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Xunit;
using static CodeAssist.Llm.Tests.TestServer.ProviderHarness;

namespace CodeAssist.Llm.Tests.Chat;

public sealed class OpenAiChatClientTests
{
    private static readonly LlmOptions Options = new() { Model = "gpt-test", RequestTimeout = TimeSpan.FromSeconds(5) };

    private static async Task StreamChatAsync(TestResponse response, params string[] pieces)
    {
        await response.StartStreamAsync();
        await response.WriteAsync(Sse(new { choices = new[] { new { index = 0, delta = new { role = "assistant", content = "" }, finish_reason = (string?)null } } }));
        foreach (var piece in pieces)
        {
            await response.WriteAsync(Sse(new { choices = new[] { new { index = 0, delta = new { content = piece }, finish_reason = (string?)null } } }));
        }

        await response.WriteAsync(Sse(new { choices = new[] { new { index = 0, delta = new { content = (string?)null }, finish_reason = "length" } } }));
        await response.WriteAsync("data: [DONE]\n\n");
        await response.EndAsync();
    }

    [Fact]
    public async Task GetStreamingResponseAsync_YieldsDeltasThenFinishReason()
    {
        await using var server = new TestHttpServer((_, response, _) => StreamChatAsync(response, "Hel", "lo"));
        using var harness = new ProviderHarness();
        using var chat = harness.OpenAiChat(server, Options);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { MaxOutputTokens = 5, StopSequences = ["\n\n"] }))
        {
            updates.Add(update);
        }

        Assert.Equal("Hello", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
        var sent = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Equal(5, sent.Json["max_tokens"]!.GetValue<int>());
        Assert.Equal("gpt-test", sent.Json["model"]!.GetValue<string>());
        Assert.Equal("\n\n", sent.Json["stop"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonResponseFormatAndSeed_AreSent()
    {
        await using var server = new TestHttpServer((_, response, _) => StreamChatAsync(response, "{}"));
        using var harness = new ProviderHarness();
        using var chat = harness.OpenAiChat(server, Options);
        var schema = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"fix":{"type":"string"}}}""").RootElement;

        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { Seed = 42, ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "fix") });
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        var sent = server.Requests.ToArray();
        Assert.Equal(42, sent[0].Json["seed"]!.GetValue<int>());
        Assert.Equal("json_schema", sent[0].Json["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal("fix", sent[0].Json["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
        Assert.Equal("object", sent[0].Json["response_format"]!["json_schema"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal("json_object", sent[1].Json["response_format"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerIgnoringStream_AnswersWithOneJsonDocument()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(200, """
            {"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"whole answer"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":2}}
            """));
        using var harness = new ProviderHarness();
        using var chat = harness.OpenAiChat(server, Options);

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("whole answer", response.Text);
        Assert.Equal(9, response.Usage?.InputTokenCount);
        Assert.Equal(2, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task RedactionMiddleware_RemovesSecretsBeforeTheyLeave()
    {
        await using var server = new TestHttpServer((_, response, _) => StreamChatAsync(response, "ok"));
        using var harness = new ProviderHarness();
        using var chat = new ChatClientBuilder(harness.OpenAiChat(server, Options)).UseSecretRedaction().Build();
        var message = new ChatMessage(ChatRole.User, "Why does this fail? var client = new Client(apiKey: \"ghp_abcdefghijklmnopqrstuvwxyz0123456789\");");

        var response = await chat.GetResponseAsync([message], new ChatOptions { Instructions = "token = \"abcdef123456\"" });

        Assert.Equal("ok", response.Text);
        var sent = Assert.Single(server.Requests).Body;
        Assert.DoesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef123456", sent, StringComparison.Ordinal);
        Assert.Contains("new Client(apiKey: \\u0022[REDACTED]\\u0022)", sent, StringComparison.Ordinal);
        Assert.Contains("ghp_", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoggingMiddleware_LogsMetadataButNeverContent()
    {
        await using var server = new TestHttpServer((_, response, _) => StreamChatAsync(response, "secret answer"));
        using var harness = new ProviderHarness();
        var logger = new ListLogger();
        using var chat = new ChatClientBuilder(harness.OpenAiChat(server, Options)).UseMetadataLogging(logger, "gpt-test").Build();

        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "private question")]);

        var line = Assert.Single(logger.Lines);
        Assert.StartsWith("chat gpt-test:", line, StringComparison.Ordinal);
        Assert.Contains("finish length", line, StringComparison.Ordinal);
        Assert.DoesNotContain("private question", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret answer", line, StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}

using CodeAssist.Llm.Http;
using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Microsoft.Extensions.AI;
using Xunit;
using static CodeAssist.Llm.Tests.TestServer.ProviderHarness;

namespace CodeAssist.Llm.Tests.Ollama;

public sealed class OllamaProviderTests
{
    private static readonly LlmOptions Options = new() { Model = "qwen2.5-coder:1.5b", KeepAlive = "10m", ContextSize = 2048, RequestTimeout = TimeSpan.FromSeconds(5) };

    private static async Task StreamGenerateAsync(TestResponse response, params string[] pieces)
    {
        await response.StartStreamAsync(contentType: "application/x-ndjson");
        foreach (var piece in pieces)
        {
            await response.WriteAsync(Ndjson(new { model = "qwen2.5-coder:1.5b", response = piece, done = false }));
        }

        await response.WriteAsync(Ndjson(new { model = "qwen2.5-coder:1.5b", response = "", done = true, done_reason = "length", prompt_eval_count = 21, eval_count = pieces.Length }));
        await response.EndAsync();
    }

    [Fact]
    public async Task InfillAsync_KnownTemplate_SendsRawFimPromptWithKeepAliveAndOptions()
    {
        await using var server = new TestHttpServer((_, response, _) => StreamGenerateAsync(response, "a", " + b"));
        using var harness = new ProviderHarness();
        var request = new InfillRequest { Prefix = "int Add(int a, int b) => ", Suffix = ";", MaxTokens = 8, RepositoryName = "calc", FilePath = "Calc.cs" };

        var chunks = await CollectAsync(harness.OllamaCompletion(server, Options).InfillAsync(request, CancellationToken.None));

        Assert.Equal("a + b", string.Concat(chunks.Select(c => c.Text)));
        Assert.Equal(new CompletionUsage(21, 21, 2, CompletionFinishReason.Length), chunks[^1].Usage);
        var sent = Assert.Single(server.Requests);
        Assert.Equal("/api/generate", sent.Path);
        Assert.True(sent.Json["raw"]!.GetValue<bool>());
        Assert.Equal("10m", sent.Json["keep_alive"]!.GetValue<string>());
        Assert.Equal("<|repo_name|>calc\n<|file_sep|>Calc.cs\n<|fim_prefix|>int Add(int a, int b) => <|fim_suffix|>;<|fim_middle|>", sent.Json["prompt"]!.GetValue<string>());
        Assert.Equal(8, sent.Json["options"]!["num_predict"]!.GetValue<int>());
        Assert.Equal(2048, sent.Json["options"]!["num_ctx"]!.GetValue<int>());
        Assert.Contains("<|endoftext|>", sent.Json["options"]!["stop"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task InfillAsync_SuffixMode_LetsOllamaFormat()
    {
        await using var server = new TestHttpServer((_, response, _) => StreamGenerateAsync(response, "x"));
        using var harness = new ProviderHarness();

        await CollectAsync(harness.OllamaCompletion(server, Options with { InfillMode = "suffix" }).InfillAsync(new InfillRequest { Prefix = "p", Suffix = "s" }, CancellationToken.None));

        var sent = Assert.Single(server.Requests);
        Assert.False(sent.Json["raw"]!.GetValue<bool>());
        Assert.Equal("p", sent.Json["prompt"]!.GetValue<string>());
        Assert.Equal("s", sent.Json["suffix"]!.GetValue<string>());
    }

    [Fact]
    public async Task ModelNotFound_ErrorStringBecomesMessage()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(404, """{"error":"model \"qwen2.5-coder:1.5b\" not found, try pulling it first"}"""));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() =>
            CollectAsync(harness.OllamaCompletion(server, Options).InfillAsync(new InfillRequest { Prefix = "p" }, CancellationToken.None)));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("try pulling it first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorLineMidStream_FailsTheCall()
    {
        await using var server = new TestHttpServer(async (_, response, _) =>
        {
            await response.StartStreamAsync(contentType: "application/x-ndjson");
            await response.WriteAsync(Ndjson(new { response = "a", done = false }));
            await response.WriteAsync(Ndjson(new { error = "llama runner process has terminated" }));
            await response.EndAsync();
        });
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() =>
            CollectAsync(harness.OllamaCompletion(server, Options).InfillAsync(new InfillRequest { Prefix = "p" }, CancellationToken.None)));

        Assert.Contains("llama runner process has terminated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_StreamsNdjsonMessages()
    {
        await using var server = new TestHttpServer(async (_, response, _) =>
        {
            await response.StartStreamAsync(contentType: "application/x-ndjson");
            foreach (var piece in new[] { "It ", "adds." })
            {
                await response.WriteAsync(Ndjson(new { message = new { role = "assistant", content = piece }, done = false }));
            }

            await response.WriteAsync(Ndjson(new { message = new { role = "assistant", content = "" }, done = true, done_reason = "stop", prompt_eval_count = 30, eval_count = 2 }));
            await response.EndAsync();
        });
        using var harness = new ProviderHarness();
        using var chat = harness.OllamaChat(server, Options);

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "What does Add do?")], new ChatOptions { Instructions = "Be brief.", Temperature = 0.2f, Seed = 7, ResponseFormat = ChatResponseFormat.Json });

        Assert.Equal("It adds.", response.Text);
        Assert.Equal(30, response.Usage?.InputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var sent = Assert.Single(server.Requests);
        Assert.Equal("/api/chat", sent.Path);
        Assert.Equal("system", sent.Json["messages"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("Be brief.", sent.Json["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Equal("What does Add do?", sent.Json["messages"]![1]!["content"]!.GetValue<string>());
        Assert.Equal(0.2f, sent.Json["options"]!["temperature"]!.GetValue<float>());
        Assert.Equal("10m", sent.Json["keep_alive"]!.GetValue<string>());
        Assert.Equal(7, sent.Json["options"]!["seed"]!.GetValue<int>());
        Assert.Equal("json", sent.Json["format"]!.GetValue<string>());
    }
}

using System.Net;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Redaction;
using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Xunit;
using static CodeAssist.Llm.Tests.TestServer.ProviderHarness;

namespace CodeAssist.Llm.Tests.OpenAi;

public sealed class OpenAiCompletionModelTests
{
    private static readonly LlmOptions Qwen = new() { Model = "qwen2.5-coder-1.5b", InfillMode = "prompt", RequestTimeout = TimeSpan.FromSeconds(5) };

    private static readonly InfillRequest Request = new() { Prefix = "int Add(int a, int b) => ", Suffix = ";", MaxTokens = 16, StopSequences = ["\n"] };

    private static async Task StreamCompletionAsync(TestResponse response, params string[] pieces)
    {
        await response.StartStreamAsync();
        foreach (var piece in pieces)
        {
            await response.WriteAsync(Sse(new { id = "c1", @object = "text_completion", choices = new[] { new { index = 0, text = piece, finish_reason = (string?)null } } }));
        }

        await response.WriteAsync(Sse(new { choices = new[] { new { index = 0, text = "", finish_reason = "stop" } }, usage = new { prompt_tokens = 12, completion_tokens = pieces.Length } }));
        await response.WriteAsync("data: [DONE]\n\n");
        await response.EndAsync();
    }

    [Fact]
    public async Task InfillAsync_PromptMode_SendsFimPromptAndStreamsSse()
    {
        await using var server = new TestHttpServer((_, response, _) => StreamCompletionAsync(response, "a", " + ", "b"));
        using var harness = new ProviderHarness();

        var chunks = await CollectAsync(harness.OpenAiCompletion(server, Qwen).InfillAsync(Request, CancellationToken.None));

        Assert.Equal("a + b", string.Concat(chunks.Select(c => c.Text)));
        var usage = Assert.Single(chunks, c => c.Usage is not null).Usage!;
        Assert.Equal(CompletionFinishReason.Stop, usage.FinishReason);
        Assert.Equal(12, usage.PromptTokens);
        var sent = Assert.Single(server.Requests);
        Assert.Equal("/v1/completions", sent.Path);
        Assert.Equal("<|fim_prefix|>int Add(int a, int b) => <|fim_suffix|>;<|fim_middle|>", sent.Json["prompt"]!.GetValue<string>());
        Assert.Equal("qwen2.5-coder-1.5b", sent.Json["model"]!.GetValue<string>());
        Assert.True(sent.Json["stream"]!.GetValue<bool>());
        Assert.Null(sent.Json["suffix"]);
        var stops = sent.Json["stop"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray();
        Assert.Contains("<|endoftext|>", stops);
        Assert.Contains("\n", stops);
    }

    [Fact]
    public async Task InfillAsync_AutoModeOnLlamaServer_UsesInfillEndpointWithExtraContext()
    {
        await using var server = new TestHttpServer(async (request, response, _) =>
        {
            if (request.Path == "/props")
            {
                await response.SendAsync(200, """{"default_generation_settings":{"n_ctx":4096},"total_slots":1}""");
                return;
            }

            await response.StartStreamAsync();
            await response.WriteAsync(Sse(new { content = "a + b", stop = false }));
            await response.WriteAsync(Sse(new { content = "", stop = true, stop_type = "limit", tokens_evaluated = 40, tokens_predicted = 16, tokens_cached = 30 }));
            await response.EndAsync();
        });
        using var harness = new ProviderHarness();
        var model = harness.OpenAiCompletion(server, Qwen with { InfillMode = "auto" });

        var chunks = await CollectAsync(model.InfillAsync(Request with { ExtraContext = [new ContextSnippet("B.cs", "class B { }")] }, CancellationToken.None));

        Assert.Equal("a + b", string.Concat(chunks.Select(c => c.Text)));
        var usage = chunks[^1].Usage!;
        Assert.Equal(CompletionFinishReason.Length, usage.FinishReason);
        Assert.Equal((40, 10, 16), (usage.PromptTokens, usage.EvaluatedPromptTokens, usage.GeneratedTokens));
        var infill = Assert.Single(server.Requests, r => r.Path == "/infill");
        Assert.Equal("int Add(int a, int b) => ", infill.Json["input_prefix"]!.GetValue<string>());
        Assert.Equal("", infill.Json["prompt"]!.GetValue<string>());
        Assert.Equal("B.cs", infill.Json["input_extra"]![0]!["filename"]!.GetValue<string>());
        Assert.Equal(16, infill.Json["n_predict"]!.GetValue<int>());
    }

    [Fact]
    public async Task InfillAsync_InfillEndpoint_SendsTheLineBeingTypedAsPrompt()
    {
        await using var server = new TestHttpServer(async (request, response, _) =>
        {
            if (request.Path == "/props")
            {
                await response.SendAsync(200, """{"default_generation_settings":{"n_ctx":4096},"total_slots":1}""");
                return;
            }

            await StreamCompletionAsync(response, "b");
        });
        using var harness = new ProviderHarness();
        var model = harness.OpenAiCompletion(server, Qwen with { InfillMode = "infill" });

        await CollectAsync(model.InfillAsync(Request with { Prefix = "int Add(int a, int b)\n{\n    return a + " }, CancellationToken.None));

        var infill = Assert.Single(server.Requests, r => r.Path == "/infill");
        Assert.Equal("int Add(int a, int b)\n{\n", infill.Json["input_prefix"]!.GetValue<string>());
        Assert.Equal("    return a + ", infill.Json["prompt"]!.GetValue<string>());
    }

    [Fact]
    public async Task PrefillAsync_OnLlamaServer_WarmsItsPromptCacheWithoutGenerating()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(200, """{"content":"","stop":true}"""));
        using var harness = new ProviderHarness();
        var model = harness.OpenAiCompletion(server, Qwen with { InfillMode = "infill" });
        var head = new InfillRequest
        {
            Prefix = "class Cart\n{\n",
            ExtraContext = [new ContextSnippet("Order.cs", "class Order { public int Quantity { get; } }")],
            Suffix = "ignored",
            MaxTokens = 64,
        };

        Assert.True(model.CanPrefill);
        var result = await model.PrefillAsync(head, CancellationToken.None);

        Assert.True(result.Complete);
        var infill = Assert.Single(server.Requests, r => r.Path == "/infill");
        Assert.Equal(0, infill.Json["n_predict"]!.GetValue<int>());
        Assert.True(infill.Json["cache_prompt"]!.GetValue<bool>());
        Assert.Equal("", infill.Json["input_suffix"]!.GetValue<string>());
        Assert.Equal("Order.cs", infill.Json["input_extra"]![0]!["filename"]!.GetValue<string>());
        Assert.StartsWith("class Cart", infill.Json["input_prefix"]!.GetValue<string>() + infill.Json["prompt"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrefillPromptAsync_OnLlamaServer_WarmsTheWholePromptTheNextKeystrokeExtends()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(200, """{"content":"","stop":true}"""));
        using var harness = new ProviderHarness();
        var model = harness.OpenAiCompletion(server, Qwen with { InfillMode = "infill" });
        var prompt = new InfillRequest
        {
            Prefix = "class Cart\n{\n    int Count() => ite",
            ExtraContext = [new ContextSnippet("Order.cs", "class Order { public int Quantity { get; } }")],
            Suffix = "\n}\n",
            MaxTokens = 64,
            StopSequences = ["\n"],
        };

        var result = await model.PrefillPromptAsync(prompt, CancellationToken.None);

        Assert.True(result.Complete);
        var infill = Assert.Single(server.Requests, r => r.Path == "/infill");
        Assert.Equal(0, infill.Json["n_predict"]!.GetValue<int>());
        Assert.True(infill.Json["cache_prompt"]!.GetValue<bool>());
        Assert.Equal("class Cart\n{\n", infill.Json["input_prefix"]!.GetValue<string>());
        Assert.Equal("    int Count() => ite", infill.Json["prompt"]!.GetValue<string>());
        Assert.Equal("\n}\n", infill.Json["input_suffix"]!.GetValue<string>());
        Assert.Null(infill.Json["stop"]);
    }

    [Fact]
    public async Task PrefillAsync_OnAnEndpointWithoutInfill_IsUnsupported()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(500, "{}"));
        using var harness = new ProviderHarness();
        var model = harness.OpenAiCompletion(server, Qwen);

        var result = await model.PrefillAsync(new InfillRequest { Prefix = "class Cart\n" }, CancellationToken.None);

        Assert.Equal(PrefillResult.Unsupported, result);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task InfillAsync_LlamaServerTimings_BecomeTheModelsThroughput()
    {
        await using var server = new TestHttpServer(async (_, response, _) =>
        {
            await response.StartStreamAsync();
            await response.WriteAsync(Sse(new { content = "b", stop = false }));
            await response.WriteAsync(Sse(new
            {
                content = "",
                stop = true,
                tokens_evaluated = 200,
                timings = new { prompt_n = 200, prompt_ms = 1000.0, predicted_n = 20, predicted_ms = 500.0 },
            }));
            await response.EndAsync();
        });
        using var harness = new ProviderHarness();
        var model = harness.OpenAiCompletion(server, Qwen with { InfillMode = "infill" });
        Assert.Null(model.Throughput);

        await CollectAsync(model.InfillAsync(Request, CancellationToken.None));

        Assert.Equal(new ModelThroughput(200, 40), model.Throughput);
    }

    [Fact]
    public async Task InfillAsync_AutoModeUnknownModelNotLlamaServer_UsesSuffixField()
    {
        await using var server = new TestHttpServer(async (request, response, _) =>
        {
            if (request.Path == "/props")
            {
                await response.SendAsync(404, """{"error":{"message":"not found"}}""");
                return;
            }

            await StreamCompletionAsync(response, "x");
        });
        using var harness = new ProviderHarness();

        await CollectAsync(harness.OpenAiCompletion(server, new LlmOptions { Model = "gpt-3.5-turbo-instruct" }).InfillAsync(Request, CancellationToken.None));

        var sent = Assert.Single(server.Requests, r => r.Path == "/v1/completions");
        Assert.Equal("int Add(int a, int b) => ", sent.Json["prompt"]!.GetValue<string>());
        Assert.Equal(";", sent.Json["suffix"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteAsync_SendsApiKeyAsBearer_AndRedactsSecretsInPrompt()
    {
        await using var server = new TestHttpServer((_, response, _) => StreamCompletionAsync(response, "ok"));
        using var harness = new ProviderHarness();
        harness.Environment["MY_KEY"] = "sk-test-0123456789abcdefghijklmnop";

        // Redaction is the decorator's that ModelProviderFactory puts around every remote model (see RemoteRedactionTests).
        var model = new RedactingCompletionModel(harness.OpenAiCompletion(server, Qwen with { ApiKeyEnvironmentVariable = "MY_KEY" }));
        await CollectAsync(model.CompleteAsync(new RawCompletionRequest { Prompt = "var conn = \"Server=db;Password=hunter22;\";" }, CancellationToken.None));

        var sent = Assert.Single(server.Requests);
        Assert.Equal("Bearer sk-test-0123456789abcdefghijklmnop", sent.Header("Authorization"));
        Assert.DoesNotContain("hunter22", sent.Body, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorBody_BecomesClearMessage_WithoutTheApiKey()
    {
        const string key = "sk-secret-0123456789abcdefghijkl";
        await using var server = new TestHttpServer((_, response, _) =>
            response.SendAsync(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{key}}}","type":"invalid_request_error"}}"""));
        using var harness = new ProviderHarness();
        harness.Environment["OPENAI_API_KEY"] = key;

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(harness.OpenAiCompletion(server, Qwen).InfillAsync(Request, CancellationToken.None)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_WithoutKey_SaysWhichVariableToSet()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(401, """{"error":{"message":"missing key"}}"""));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(harness.OpenAiCompletion(server, Qwen with { ApiKeyEnvironmentVariable = "TEAM_LLM_KEY" }).InfillAsync(Request, CancellationToken.None)));

        Assert.Contains("set the environment variable TEAM_LLM_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRequest_IsNotRetried()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(400, """{"error":{"message":"prompt too long","code":400}}"""));
        using var harness = new ProviderHarness();

        var error = await Assert.ThrowsAsync<ModelRequestException>(() => CollectAsync(harness.OpenAiCompletion(server, Qwen).InfillAsync(Request, CancellationToken.None)));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Contains("prompt too long", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }
}

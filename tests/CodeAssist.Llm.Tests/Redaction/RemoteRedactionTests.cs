using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Microsoft.Extensions.AI;
using Xunit;
using static CodeAssist.Llm.Tests.TestServer.ProviderHarness;

namespace CodeAssist.Llm.Tests.Redaction;

/// <summary>The composition: every remote model that LanguageModels hands out redacts, whichever call a feature makes.</summary>
public sealed class RemoteRedactionTests
{
    private const string Secret = "hunter22-xyz";

    private static string Sent(TestHttpServer server) => string.Join("\n", server.Requests.Select(r => r.Body));

    [Fact]
    public async Task RemoteCompletionAndChat_FromLanguageModels_AreRedacted()
    {
        await using var server = new TestHttpServer((request, response, _) => request.Path.EndsWith("chat/completions", StringComparison.Ordinal)
            ? response.SendAsync(200, Sse(new { choices = new[] { new { index = 0, delta = new { content = "ok" }, finish_reason = "stop" } } }) + "data: [DONE]\n\n", "text/event-stream")
            : response.SendAsync(200, Sse(new { choices = new[] { new { index = 0, text = "ok", finish_reason = "stop" } } }) + "data: [DONE]\n\n", "text/event-stream"));
        using var models = new LanguageModels(new LanguageModelSettings
        {
            Default = new LlmOptions { Provider = "openai", Endpoint = server.BaseUri.ToString(), Model = "qwen2.5-coder", InfillMode = "prompt" },
        });
        var code = $"var password = \"{Secret}\";";

        await CollectAsync(models.GetCompletionModel("completion")!.InfillAsync(new InfillRequest { Prefix = code, Suffix = code }, CancellationToken.None));
        await CollectAsync(models.GetCompletionModel("completion")!.CompleteAsync(new RawCompletionRequest { Prompt = code }, CancellationToken.None));
        await models.GetChatClient("explain")!.GetResponseAsync([new ChatMessage(ChatRole.User, code)], new ChatOptions { Instructions = code });

        Assert.Equal(3, server.Requests.Count);
        Assert.DoesNotContain(Secret, Sent(server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrefillsOfAHeadAndOfAWholePrompt_FromLanguageModels_AreRedacted()
    {
        await using var server = new TestHttpServer((_, response, _) => response.SendAsync(200, """{"content":"","stop":true}"""));
        using var models = new LanguageModels(new LanguageModelSettings
        {
            Default = new LlmOptions { Provider = "openai", Endpoint = server.BaseUri.ToString(), Model = "qwen2.5-coder", InfillMode = "infill" },
        });
        var code = $"var password = \"{Secret}\";\n";
        var model = models.GetCompletionModel("completion")!;

        var head = await model.PrefillAsync(new InfillRequest { Prefix = code, ExtraContext = [new ContextSnippet("a.cs", code)] }, CancellationToken.None);
        var whole = await model.PrefillPromptAsync(new InfillRequest { Prefix = code + "    var x = ", Suffix = code }, CancellationToken.None);

        Assert.True(head.Complete && whole.Complete, $"{head} {whole}");
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/infill"));
        Assert.DoesNotContain(Secret, Sent(server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedactSecretsOff_SendsTheTextAsItIs()
    {
        await using var server = new TestHttpServer((_, response, _) =>
            response.SendAsync(200, Sse(new { choices = new[] { new { index = 0, text = "ok", finish_reason = "stop" } } }) + "data: [DONE]\n\n", "text/event-stream"));
        using var models = new LanguageModels(new LanguageModelSettings
        {
            Default = new LlmOptions { Provider = "openai", Endpoint = server.BaseUri.ToString(), Model = "qwen2.5-coder", InfillMode = "prompt", RedactSecrets = false },
        });

        await CollectAsync(models.GetCompletionModel("completion")!.CompleteAsync(new RawCompletionRequest { Prompt = $"var password = \"{Secret}\";" }, CancellationToken.None));

        Assert.Contains(Secret, Sent(server), StringComparison.Ordinal);
    }
}

using CodeAssist.Llm.Providers;
using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Microsoft.Extensions.AI;
using Xunit;

namespace CodeAssist.Llm.Tests.Providers;

public sealed class RequestHeadersTests
{
    private static async Task AnswerAsync(TestResponse response)
    {
        await response.StartStreamAsync();
        await response.WriteAsync(ProviderHarness.Sse(new { choices = new[] { new { index = 0, delta = new { content = "ok" }, finish_reason = "stop" } } }));
        await response.WriteAsync("data: [DONE]\n\n");
        await response.EndAsync();
    }

    [Fact]
    public async Task Headers_FromEnvironmentAndLiterals_AreSent_AndReplaceTheBearerKey()
    {
        await using var server = new TestHttpServer((_, response, _) => AnswerAsync(response));
        using var harness = new ProviderHarness();
        harness.Environment["AZURE_KEY"] = "azure-secret-1234";
        harness.Environment["OPENAI_API_KEY"] = "bearer-key";
        harness.Environment["GATEWAY_TOKEN"] = "Bearer gateway-token";
        var options = new LlmOptions
        {
            Model = "gpt",
            Headers = new RequestHeaders(
            [
                new RequestHeader("api-key", EnvironmentVariable: "AZURE_KEY"),
                new RequestHeader("X-Title", Value: "CodeAssist"),
                new RequestHeader("Authorization", EnvironmentVariable: "GATEWAY_TOKEN"),
                new RequestHeader("X-Unset", EnvironmentVariable: "NOT_SET_ANYWHERE"),
            ]),
        };
        using var chat = harness.OpenAiChat(server, options);

        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        var sent = Assert.Single(server.Requests);
        Assert.Equal("azure-secret-1234", sent.Header("api-key"));
        Assert.Equal("CodeAssist", sent.Header("X-Title"));
        Assert.Equal("Bearer gateway-token", sent.Header("Authorization"));
        Assert.Null(sent.Header("X-Unset"));
    }

    [Fact]
    public void SettingsText_NamesHeadersAndVariables_NeverValues()
    {
        var options = new LlmOptions
        {
            Headers = new RequestHeaders([new RequestHeader("api-key", EnvironmentVariable: "AZURE_KEY"), new RequestHeader("X-Team", Value: "literal-secret")]),
        };

        var text = options.ToString();

        Assert.Contains("api-key from $AZURE_KEY", text, StringComparison.Ordinal);
        Assert.Contains("X-Team", text, StringComparison.Ordinal);
        Assert.DoesNotContain("literal-secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EqualHeaders_MakeEqualOptions_SoProvidersAreShared()
    {
        var first = new LlmOptions { Headers = new RequestHeaders([new RequestHeader("a", "1"), new RequestHeader("b", EnvironmentVariable: "B")]) };
        var second = new LlmOptions { Headers = new RequestHeaders([new RequestHeader("b", EnvironmentVariable: "B"), new RequestHeader("a", "1")]) };
        var third = new LlmOptions { Headers = new RequestHeaders([new RequestHeader("a", "2")]) };

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, third);
    }
}

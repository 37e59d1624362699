using CodeAssist.Llm.Registry;
using CodeAssist.Llm.Tests.OpenAi;
using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Xunit;
using static CodeAssist.Llm.Tests.TestServer.ProviderHarness;

namespace CodeAssist.Llm.Tests.LlamaCpp;

/// <summary>
/// <c>provider: llamacpp</c> through the whole composition (registry, factory, redaction) against a recording fake
/// llama-server that parses the grammar it is sent.
/// </summary>
public sealed class LlamaCppProviderTests
{
    private const string SecretName = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    private static InfillRequest Request(IdentifierSite site) => new()
    {
        Prefix = "var order = new Order();\nvar n = order.",
        Suffix = ";",
        MaxTokens = 16,
        Identifiers = new IdentifierConstraint(text => text.Length == 0 ? site : null),
    };

    [Fact]
    public void Registry_KnowsLlamaCppAsARemoteProvider()
    {
        Assert.Contains("llamacpp", ProviderRegistry.BuiltIn.Names);
        Assert.True(ProviderRegistry.BuiltIn.IsRemote("llamacpp"));
    }

    [Fact]
    public async Task MemberAccessSite_GoesToInfillAsAGrammar_WithoutProbing()
    {
        await using var server = FakeLlamaServer();
        using var models = Models(server, redact: true);

        await CollectAsync(models.GetCompletionModel("completion")!.InfillAsync(Request(new IdentifierSite("Order", ["Price", "Stock"])), CancellationToken.None));

        var sent = Assert.Single(server.Requests);
        Assert.Equal("/infill", sent.Path);
        var rules = IdentifierGrammarTests.Parse(sent.Json!["grammar"]!.GetValue<string>());
        Assert.Equal(["Price", "Stock"], IdentifierGrammarTests.Alternatives(rules["name"]));
        Assert.Equal("llamacpp", models.GetCompletionModel("completion")!.Info.Provider);
    }

    [Fact]
    public async Task Grammar_GoesThroughRedaction_ASecretLookingNameIsNotSent()
    {
        await using var server = FakeLlamaServer();
        using var models = Models(server, redact: true);

        await CollectAsync(models.GetCompletionModel("completion")!.InfillAsync(Request(new IdentifierSite("Keys", ["Price", SecretName, "Stock"])), CancellationToken.None));

        var body = Assert.Single(server.Requests).Body;
        Assert.DoesNotContain(SecretName, body, StringComparison.Ordinal);
        var rules = IdentifierGrammarTests.Parse(Assert.Single(server.Requests).Json!["grammar"]!.GetValue<string>());
        Assert.Equal(["Price", "Stock"], IdentifierGrammarTests.Alternatives(rules["name"]));
    }

    [Fact]
    public async Task RedactSecretsOff_TheGrammarHasEveryName()
    {
        await using var server = FakeLlamaServer();
        using var models = Models(server, redact: false);

        await CollectAsync(models.GetCompletionModel("completion")!.InfillAsync(Request(new IdentifierSite("Keys", ["Price", SecretName])), CancellationToken.None));

        var rules = IdentifierGrammarTests.Parse(Assert.Single(server.Requests).Json!["grammar"]!.GetValue<string>());
        Assert.Equal(["Price", SecretName], IdentifierGrammarTests.Alternatives(rules["name"]));
    }

    private static LanguageModels Models(TestHttpServer server, bool redact) => new(new LanguageModelSettings
    {
        Default = new LlmOptions { Provider = "llamacpp", Endpoint = server.BaseUri.ToString(), RedactSecrets = redact, RequestTimeout = TimeSpan.FromSeconds(5) },
    });

    private static TestHttpServer FakeLlamaServer() => new(async (incoming, response, _) =>
    {
        await response.StartStreamAsync();
        await response.WriteAsync(Sse(new { content = "Stock", stop = true, stop_type = "eos", tokens_evaluated = 10, tokens_predicted = 1 }));
        await response.EndAsync();
    });
}

using System.Text.RegularExpressions;
using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Xunit;
using static CodeAssist.Llm.Tests.TestServer.ProviderHarness;

namespace CodeAssist.Llm.Tests.OpenAi;

/// <summary>
/// The identifier constraint sent to llama-server as a GBNF grammar: a recording fake server keeps the request, and
/// the test parses the grammar's rules to check which names it allows.
/// </summary>
public sealed class IdentifierGrammarTests
{
    private static readonly IdentifierSite Order = new("Order", ["Price", "Stock", "StockLevel"]);

    private static InfillRequest Request(IdentifierSite? site) => new()
    {
        Prefix = "var order = new Order();\nvar n = order.",
        Suffix = ";",
        MaxTokens = 16,
        Identifiers = new IdentifierConstraint(text => text.Length == 0 ? site : null),
    };

    [Fact]
    public async Task LlamaServer_GetsTheMembersAtTheCaretAsAGrammar()
    {
        var body = await SendAsync(new LlmOptions { Model = "qwen2.5-coder-1.5b", InfillMode = "auto", RequestTimeout = TimeSpan.FromSeconds(5) }, Request(Order));

        var rules = Parse(body!["grammar"]!.GetValue<string>());
        Assert.Equal(["name", "tail"], rules["root"].Split(' '));
        Assert.Equal(["Price", "Stock", "StockLevel"], Alternatives(rules["name"]));
        Assert.Contains("[^a-zA-Z0-9_]", rules["tail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameTypedBeforeTheCaret_OnlyItsContinuationsAreAllowed()
    {
        var body = await SendAsync(new LlmOptions { Model = "qwen2.5-coder-1.5b", InfillMode = "infill", RequestTimeout = TimeSpan.FromSeconds(5) }, Request(Order with { Typed = "Sto" }));

        Assert.Equal(["ck", "ckLevel"], Alternatives(Parse(body!["grammar"]!.GetValue<string>())["name"]));
    }

    [Fact]
    public async Task NoSiteAtTheCaret_NoGrammar()
    {
        var body = await SendAsync(new LlmOptions { Model = "qwen2.5-coder-1.5b", InfillMode = "infill", RequestTimeout = TimeSpan.FromSeconds(5) }, Request(null));

        Assert.Null(body!["grammar"]);
    }

    [Fact]
    public async Task OtherServers_KeepPostVerificationOnly()
    {
        var body = await SendAsync(new LlmOptions { Model = "qwen2.5-coder-1.5b", InfillMode = "prompt", RequestTimeout = TimeSpan.FromSeconds(5) }, Request(Order));

        Assert.Null(body!["grammar"]);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode?> SendAsync(LlmOptions options, InfillRequest request)
    {
        await using var server = new TestHttpServer(async (incoming, response, _) =>
        {
            if (incoming.Path == "/props")
            {
                await response.SendAsync(200, """{"default_generation_settings":{"n_ctx":4096},"total_slots":1}""");
                return;
            }

            await response.StartStreamAsync();
            await response.WriteAsync(incoming.Path == "/infill"
                ? Sse(new { content = "Stock", stop = true, stop_type = "eos", tokens_evaluated = 10, tokens_predicted = 1 })
                : Sse(new { choices = new[] { new { index = 0, text = "Stock", finish_reason = "stop" } } }) + "data: [DONE]\n\n");
            await response.EndAsync();
        });
        using var harness = new ProviderHarness();
        var model = harness.OpenAiCompletion(server, options);
        await foreach (var _ in model.InfillAsync(request, CancellationToken.None))
        {
        }

        return server.Requests.Single(r => r.Path is "/infill" or "/v1/completions").Json;
    }

    /// <summary>GBNF rules, one per line: name ::= body.</summary>
    internal static Dictionary<string, string> Parse(string grammar) =>
        grammar.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(" ::= ", 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());

    internal static string[] Alternatives(string body) =>
        body.Split(" | ").Select(alternative => Regex.Match(alternative, "^\"(.*)\"$").Groups[1].Value).ToArray();
}

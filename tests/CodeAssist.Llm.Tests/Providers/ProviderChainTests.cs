using CodeAssist.Llm.Models;
using CodeAssist.Llm.Providers;
using CodeAssist.Llm.Tests.Fakes;
using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Microsoft.Extensions.AI;
using Xunit;
using static CodeAssist.Llm.Tests.TestServer.ProviderHarness;

namespace CodeAssist.Llm.Tests.Providers;

/// <summary>Provider chains over real HTTP providers (real HttpClient and resilience pipeline) on loopback test servers.</summary>
public sealed class ProviderChainTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("codeassist-chain-").FullName;
    private readonly ProviderHarness _harness = new();
    private readonly FakeLocalModelFactory _local = new();

    public void Dispose()
    {
        _harness.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static LlmOptions Remote(TestHttpServer server, string model) => new()
    {
        Provider = "openai",
        Endpoint = server.BaseUri.ToString(),
        Model = model,
        InfillMode = "suffix",
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private LanguageModels Create(string feature, params ChainedProvider[] chain) => new(
        new LanguageModelSettings { Default = new LlmOptions(), Chains = new Dictionary<string, IReadOnlyList<ChainedProvider>> { [feature] = chain } },
        _harness.HttpClientFactory,
        _local,
        cache: new ModelCache(Path.Combine(_directory, "cache")),
        environment: name => _harness.Environment.GetValueOrDefault(name));

    private static Task Unauthorized(TestResponse response) => response.SendAsync(401, """{"error":{"message":"bad key"}}""");

    private static async Task StreamChatAsync(TestResponse response, string text)
    {
        await response.StartStreamAsync();
        await response.WriteAsync(Sse(new { choices = new[] { new { index = 0, delta = new { content = text }, finish_reason = (string?)null } } }));
        await response.WriteAsync(Sse(new { choices = new[] { new { index = 0, delta = new { content = (string?)null }, finish_reason = "stop" } } }));
        await response.WriteAsync("data: [DONE]\n\n");
        await response.EndAsync();
    }

    private static async Task<(string Text, List<ChatResponseUpdate> Updates)> ChatAsync(IChatClient chat)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "explain")]))
        {
            updates.Add(update);
        }

        return (string.Concat(updates.Select(u => u.Text)), updates);
    }

    [Fact]
    public async Task Chat_FirstProviderFails_NextAnswers_AndEveryUpdateNamesIt()
    {
        await using var team = new TestHttpServer((_, response, _) => Unauthorized(response));
        await using var backup = new TestHttpServer((_, response, _) => StreamChatAsync(response, "from backup"));
        using var models = Create("explain", new("team", Remote(team, "big")), new("backup", Remote(backup, "small")));

        var (text, updates) = await ChatAsync(models.GetChatClient("explain")!);

        Assert.Equal("from backup", text);
        Assert.All(updates, u => Assert.Equal("backup", ProviderAttribution.ProviderOf(u.AdditionalProperties)));
        Assert.All(updates, u => Assert.True(ProviderAttribution.IsFallback(u.AdditionalProperties)));
        Assert.Single(team.Requests);
        Assert.Single(backup.Requests);
        Assert.Contains("[team]", models.Status.Message, StringComparison.Ordinal);
        Assert.Contains("The last request failed", models.Status.Message, StringComparison.Ordinal);
        Assert.Contains("[backup]", models.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_FirstProviderAnswers_NextIsNeverAsked_AndTheAnswerIsNotAFallback()
    {
        await using var team = new TestHttpServer((_, response, _) => StreamChatAsync(response, "from team"));
        await using var backup = new TestHttpServer((_, response, _) => StreamChatAsync(response, "from backup"));
        using var models = Create("explain", new("team", Remote(team, "big")), new("backup", Remote(backup, "small")));

        var chat = models.GetChatClient("explain")!;
        var (text, updates) = await ChatAsync(chat);
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "again")]);

        Assert.Equal("from team", text);
        Assert.False(ProviderAttribution.IsFallback(updates[0].AdditionalProperties));
        Assert.Equal("team", ProviderAttribution.ProviderOf(response.AdditionalProperties));
        Assert.Equal(2, team.Requests.Count);
        Assert.Empty(backup.Requests);
        Assert.Equal("big", chat.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task Chat_UnreachableServer_FallsThroughToTheLocalModel()
    {
        var closed = new TestHttpServer((_, response, _) => Unauthorized(response));
        var endpoint = closed.BaseUri;
        await closed.DisposeAsync();
        var gguf = Path.Combine(_directory, "local.gguf");
        File.WriteAllBytes(gguf, "GGUF\u0003\0\0\0"u8.ToArray());
        using var models = Create(
            "explain",
            new("team", new LlmOptions { Provider = "openai", Endpoint = endpoint.ToString(), Model = "big", RequestTimeout = TimeSpan.FromSeconds(5) }),
            new("local", new LlmOptions { Provider = "local", Model = gguf }));
        await models.WhenLoadedAsync(CancellationToken.None);

        var response = await models.GetChatClient("explain")!.GetResponseAsync([new ChatMessage(ChatRole.User, "explain")]);

        Assert.Equal("local", ProviderAttribution.ProviderOf(response.AdditionalProperties));
        Assert.True(ProviderAttribution.IsFallback(response.AdditionalProperties));
        Assert.Equal(ModelState.Ready, models.GetStatus("explain").State);
    }

    [Fact]
    public async Task Chat_LastProviderFails_TheErrorReachesTheFeature()
    {
        await using var team = new TestHttpServer((_, response, _) => Unauthorized(response));
        await using var backup = new TestHttpServer((_, response, _) => Unauthorized(response));
        using var models = Create("explain", new("team", Remote(team, "big")), new("backup", Remote(backup, "small")));

        await Assert.ThrowsAsync<CodeAssist.Llm.Http.ModelRequestException>(() => ChatAsync(models.GetChatClient("explain")!));

        Assert.Single(team.Requests);
        Assert.Single(backup.Requests);
    }

    [Fact]
    public async Task Completion_FirstProviderFails_NextCompletes()
    {
        await using var team = new TestHttpServer((_, response, _) => Unauthorized(response));
        await using var backup = new TestHttpServer(async (_, response, _) =>
        {
            await response.StartStreamAsync();
            await response.WriteAsync(Sse(new { choices = new[] { new { index = 0, text = "a + b", finish_reason = "stop" } } }));
            await response.WriteAsync("data: [DONE]\n\n");
            await response.EndAsync();
        });
        using var models = Create("completion", new("team", Remote(team, "big")), new("backup", Remote(backup, "small")));
        var model = models.GetCompletionModel("completion")!;

        var chunks = await CollectAsync(model.InfillAsync(new InfillRequest { Prefix = "int Add(int a, int b) => ", Suffix = ";" }, CancellationToken.None));

        Assert.Equal("a + b", string.Concat(chunks.Select(c => c.Text)));
        Assert.Equal("big", model.Info.ModelId);
        Assert.Single(team.Requests);
        Assert.Equal("small", Assert.Single(backup.Requests).Json["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task RemoteNotAllowed_RemoteLinksSendNothing_AndTheLocalModelAnswers()
    {
        await using var team = new TestHttpServer((_, response, _) => StreamChatAsync(response, "from team"));
        var gguf = Path.Combine(_directory, "local.gguf");
        File.WriteAllBytes(gguf, "GGUF\u0003\0\0\0"u8.ToArray());
        using var models = Create(
            "explain",
            new("team", Remote(team, "big") with { RemoteAllowed = false }),
            new("local", new LlmOptions { Provider = "local", Model = gguf, RemoteAllowed = false }));
        await models.WhenLoadedAsync(CancellationToken.None);

        var response = await models.GetChatClient("explain")!.GetResponseAsync([new ChatMessage(ChatRole.User, "explain")]);

        Assert.Equal("local", ProviderAttribution.ProviderOf(response.AdditionalProperties));
        Assert.False(ProviderAttribution.IsFallback(response.AdditionalProperties));
        Assert.Empty(team.Requests);
        Assert.Contains("remote.allowed: false", models.GetStatus("explain").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoteNotAllowed_ARemoteDefaultIsNotConfigured_AndGivesNoClient()
    {
        using var models = new LanguageModels(
            new LanguageModelSettings { Default = new LlmOptions { Provider = "openai", Endpoint = "http://127.0.0.1:9", RemoteAllowed = false } },
            _harness.HttpClientFactory,
            _local,
            cache: new ModelCache(Path.Combine(_directory, "cache")),
            environment: _ => null);

        Assert.Equal(ModelState.NotConfigured, models.Status.State);
        Assert.Null(models.GetChatClient("explain"));
        Assert.Null(models.GetCompletionModel("completion"));
    }
}

using System.Text.Json.Nodes;
using CodeAssist.Llm.Registry;
using CodeAssist.TestUtilities;
using Microsoft.Extensions.AI;
using Xunit;
using static CodeAssist.Llm.Tests.TestServer.ProviderHarness;

namespace CodeAssist.Llm.Tests.Registry;

/// <summary>The registry is the one way in for a provider: what it registers gets the same checks and protections.</summary>
public sealed class ProviderRegistryTests
{
    private const string Secret = "hunter22-xyz";

    private static RemoteProviderKind Recorder(FakeCompletionModel completion, FakeChatClient chat) => new(
        Name: "recorder",
        Label: "Recorder",
        ApiSuffix: "/v1",
        DefaultEndpoint: "http://127.0.0.1:9",
        EndpointExample: "http://127.0.0.1:9",
        ModelExample: null,
        CreateCompletion: _ => completion,
        CreateChat: _ => chat);

    [Fact]
    public async Task NewRemoteProvider_RegisteredOnly_GetsRedactionOnCompletionAndChat()
    {
        var completion = new FakeCompletionModel("ok");
        var chat = new FakeChatClient("ok");
        using var models = new LanguageModels(
            new LanguageModelSettings { Default = new LlmOptions { Provider = "recorder", Model = "m" } },
            new ProviderRegistry([Recorder(completion, chat)]));
        var code = $"var password = \"{Secret}\";";

        Assert.Equal(ModelState.Ready, models.GetStatus("completion").State);
        await CollectAsync(models.GetCompletionModel("completion")!.InfillAsync(new InfillRequest { Prefix = code, Suffix = code }, CancellationToken.None));
        await models.GetChatClient("explain")!.GetResponseAsync([new ChatMessage(ChatRole.User, code)]);

        var request = Assert.Single(completion.Requests);
        Assert.DoesNotContain(Secret, request.Prefix + request.Suffix, StringComparison.Ordinal);
        Assert.Contains("password", request.Prefix, StringComparison.Ordinal);
        var sentToChat = string.Concat(chat.Requests.SelectMany(messages => messages).Select(message => message.Text));
        Assert.Contains("password", sentToChat, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, sentToChat, StringComparison.Ordinal);
    }

    [Fact]
    public void NewRemoteProvider_IsOffWhenRemoteIsNotAllowed()
    {
        using var models = new LanguageModels(
            new LanguageModelSettings { Default = new LlmOptions { Provider = "recorder", Model = "m", RemoteAllowed = false } },
            new ProviderRegistry([Recorder(new FakeCompletionModel("ok"), new FakeChatClient("ok"))]));

        Assert.Equal(ModelState.NotConfigured, models.GetStatus("completion").State);
        Assert.Null(models.GetCompletionModel("completion"));
    }

    [Fact]
    public void UnknownProvider_FailsNamingTheRegisteredOnes()
    {
        using var models = new LanguageModels(new LanguageModelSettings { Default = new LlmOptions { Provider = "nope" } });

        var status = models.GetStatus("completion");
        Assert.Equal(ModelState.Failed, status.State);
        Assert.Contains("use local, openai, ollama or llamacpp", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VsCodeProviderSetting_ListsExactlyTheRegisteredProviders()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CodeAssist.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        var package = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "editors", "vscode", "package.json")))!;
        var listed = package["contributes"]!["configuration"]!["properties"]!["codeassist.provider"]!["enum"]!.AsArray().Select(value => value!.GetValue<string>());

        Assert.Equal(ProviderRegistry.BuiltIn.Names, listed);
    }
}

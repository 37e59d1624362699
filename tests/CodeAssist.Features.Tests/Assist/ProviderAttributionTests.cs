using System.Runtime.CompilerServices;
using CodeAssist.Features.Caching;
using CodeAssist.Features.Explain;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm.Providers;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CodeAssist.Features.Tests.Assist;

/// <summary>What a provider chain's attribution does to answers: the result names the provider, and a fallback answer is not cached.</summary>
public sealed class ProviderAttributionTests
{
    private const string Source = """
        namespace Shop;

        public sealed class Counter
        {
            private int _count;

            public int Next()
            {
                [|_count++;
                return _count;|]
            }
        }
        """;

    [Fact]
    public async Task Explain_AnswerFromTheFirstProvider_NamesIt_AndIsCached()
    {
        using var workspace = new AssistWorkspace(("Counter.cs", Source));
        var model = new FakeChatClient("counts up", "unused");
        using var cache = new MemoryResponseCache(16, new FakeTimeProvider());
        var service = new ExplainService(new FakeLanguageModels(new AttributingChatClient(model, "team", fallback: false)), cache, PromptLibrary.BuiltInOnly, new FakeTimeProvider());

        var first = await service.ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);
        var second = await service.ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);

        Assert.Equal("team", first.Provider);
        Assert.Equal("counts up", first.Markdown);
        Assert.True(second.FromCache);
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task Explain_AnswerFromAFallbackProvider_NamesIt_AndIsNotCachedUnderThePrimaryModel()
    {
        using var workspace = new AssistWorkspace(("Counter.cs", Source));
        var model = new FakeChatClient("from local", "from local again");
        using var cache = new MemoryResponseCache(16, new FakeTimeProvider());
        var service = new ExplainService(new FakeLanguageModels(new AttributingChatClient(model, "local", fallback: true)), cache, PromptLibrary.BuiltInOnly, new FakeTimeProvider());

        var first = await service.ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);
        var second = await service.ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);

        Assert.Equal("local", first.Provider);
        Assert.False(second.FromCache);
        Assert.Equal("from local again", second.Markdown);
        Assert.Equal(2, model.Requests.Count);
    }

    /// <summary>Stamps updates the way a provider chain does, over a scripted model.</summary>
    private sealed class AttributingChatClient(IChatClient inner, string provider, bool fallback) : DelegatingChatClient(inner)
    {
        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                update.AdditionalProperties = new AdditionalPropertiesDictionary
                {
                    [ProviderAttribution.ProviderKey] = provider,
                    [ProviderAttribution.FallbackKey] = fallback,
                };
                yield return update;
            }
        }
    }
}

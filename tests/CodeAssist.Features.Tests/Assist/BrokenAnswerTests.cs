using System.Runtime.CompilerServices;
using CodeAssist.Features.Caching;
using CodeAssist.Features.Explain;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm.Http;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CodeAssist.Features.Tests.Assist;

/// <summary>Answers that are not whole: a stream cut mid-answer and an empty answer are shown for what they are, never cached.</summary>
public sealed class BrokenAnswerTests
{
    private const string Source = """
        public static class MathUtil
        {
            public static int Twice(int x)
            {
                [|return x * 2;|]
            }
        }
        """;

    [Fact]
    public async Task Explain_StreamCutMidAnswer_EndsWithTheStreamedTextAndANotice_AndIsNotCached()
    {
        using var workspace = new AssistWorkspace(("MathUtil.cs", Source));
        using var cache = new MemoryResponseCache(16, TimeProvider.System);
        var streamed = new List<string>();

        var cut = await new ExplainService(new FakeLanguageModels(new CuttingChatClient("It doubles ", "its input")), cache, PromptLibrary.BuiltInOnly, new FakeTimeProvider())
            .ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, new SyncProgress(streamed), CancellationToken.None);

        Assert.StartsWith("It doubles its input", cut.Markdown, StringComparison.Ordinal);
        Assert.Contains("The answer is incomplete", cut.Markdown, StringComparison.Ordinal);
        Assert.Contains("closed the stream", cut.Markdown, StringComparison.Ordinal);
        Assert.Equal(cut.Markdown, string.Concat(streamed));

        var whole = new FakeChatClient("It doubles x.");
        var again = await new ExplainService(new FakeLanguageModels(whole), cache, PromptLibrary.BuiltInOnly, new FakeTimeProvider())
            .ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);

        Assert.False(again.FromCache);
        Assert.Equal("It doubles x.", again.Markdown);
        Assert.Single(whole.Requests);
    }

    [Fact]
    public async Task Explain_EmptyAnswer_IsNotCached()
    {
        using var workspace = new AssistWorkspace(("MathUtil.cs", Source));
        using var cache = new MemoryResponseCache(16, TimeProvider.System);
        await new ExplainService(new FakeLanguageModels(new FakeChatClient("")), cache, PromptLibrary.BuiltInOnly, new FakeTimeProvider())
            .ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);

        var whole = new FakeChatClient("It doubles x.");
        var again = await new ExplainService(new FakeLanguageModels(whole), cache, PromptLibrary.BuiltInOnly, new FakeTimeProvider())
            .ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);

        Assert.False(again.FromCache);
        Assert.Equal("It doubles x.", again.Markdown);
    }

    /// <summary>Streams its pieces, then fails the way a server that closes the connection mid-answer does.</summary>
    private sealed class CuttingChatClient(params string[] pieces) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Explain streams.");

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var piece in pieces)
            {
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
            }

            throw new ModelRequestException("The model server at http://127.0.0.1:1 closed the stream before the answer was complete.");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

using CodeAssist.Features.Explain;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm;
using CodeAssist.Llm.Chat;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Microsoft.Extensions.AI;
using Xunit;

namespace CodeAssist.Features.Tests.Assist;

/// <summary>
/// Explain fits its prompt to the context the model reports: the code always whole, the least useful facts dropped
/// first, and a Roslyn-only answer that says why only when the code alone does not fit.
/// </summary>
public sealed class ExplainFitsModelTests
{
    private const string Answer = "`Total` adds `a * i` to `t` for each line and returns it.";

    [Fact]
    public async Task ExplainAsync_Model2048TokensAndFactsTooLarge_SendsAllTheCodeAndDropsDocumentationFirst()
    {
        using var workspace = new AssistWorkspace(("Meter.cs", LongMethodSource.Create(callers: 10, documentationSentences: 40)));
        var roomy = new FakeChatClient(Answer) { Window = new ChatContextWindow(16384, EstimatedTokens) };
        await Service(roomy).ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);
        var client = new FakeChatClient(Answer) { Window = new ChatContextWindow(2048, EstimatedTokens) };

        var result = await Service(client).ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);

        // The untrimmed prompt does not fit beside a 512-token answer: sent as it is, the model would refuse it.
        var full = EstimatedTokens(roomy.Requests[^1]);
        Assert.True(full > 2048 - 512 - 1, $"the whole prompt is {full} tokens");
        Assert.Equal("fake-model", result.ModelId);
        Assert.Null(result.Notice);
        var prompt = client.LastUserText;
        Assert.All(LongMethodSource.CodeLines(), line => Assert.Contains(line, prompt, StringComparison.Ordinal));
        Assert.Contains("public int Meter.Total(int a)", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain(LongMethodSource.DocumentationSentence, prompt, StringComparison.Ordinal);
        Assert.Contains("left out to fit the model's context: documentation)", prompt, StringComparison.Ordinal);
        Assert.Contains("CallerWithAFairlyLongDescriptiveName9", prompt, StringComparison.Ordinal);
        Assert.True(EstimatedTokens(client.Requests[^1]) <= 2048 - 512 - 1);
    }

    [Fact]
    public async Task ExplainAsync_ModelWithRoom_SendsEveryFact()
    {
        using var workspace = new AssistWorkspace(("Meter.cs", LongMethodSource.Create(callers: 20, documentationSentences: 30)));
        var client = new FakeChatClient(Answer) { Window = new ChatContextWindow(16384, EstimatedTokens) };

        var result = await Service(client).ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);

        Assert.Equal("fake-model", result.ModelId);
        var prompt = client.LastUserText;
        Assert.Contains(LongMethodSource.DocumentationSentence, prompt, StringComparison.Ordinal);
        Assert.Contains("CallerWithAFairlyLongDescriptiveName9", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("left out to fit", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainAsync_SmallContextDropsCallersBeforeSignatures()
    {
        using var workspace = new AssistWorkspace(("Meter.cs", LongMethodSource.Create(callers: 10, documentationSentences: 1, callerNameLength: 400)));
        var client = new FakeChatClient(Answer) { Window = new ChatContextWindow(2048, EstimatedTokens) };

        var result = await Service(client).ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);

        Assert.Equal("fake-model", result.ModelId);
        var prompt = client.LastUserText;
        Assert.DoesNotContain("CallerWithAFairlyLongDescriptiveName", prompt, StringComparison.Ordinal);
        Assert.Contains("public int Meter.Total(int a)", prompt, StringComparison.Ordinal);
        Assert.Contains("left out to fit the model's context: documentation, callers", prompt, StringComparison.Ordinal);
        Assert.All(LongMethodSource.CodeLines(), line => Assert.Contains(line, prompt, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExplainAsync_CodeAloneDoesNotFit_AnswersFromRoslynSayingWhy()
    {
        using var workspace = new AssistWorkspace(("Meter.cs", LongMethodSource.Create(callers: 2, documentationSentences: 1)));
        var client = new FakeChatClient(Answer) { Window = new ChatContextWindow(512, EstimatedTokens) };

        var result = await Service(client).ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);

        Assert.Null(result.ModelId);
        Assert.Empty(client.Requests);
        Assert.NotNull(result.Notice);
        Assert.Contains("context of 512 tokens", result.Notice, StringComparison.Ordinal);
        Assert.Contains("Roslyn alone", result.Notice, StringComparison.Ordinal);
        Assert.Contains("Select fewer lines", result.Markdown, StringComparison.Ordinal);
    }

    private static ExplainService Service(FakeChatClient client) =>
        new(new FakeLanguageModels(client), null, PromptLibrary.BuiltInOnly, new StoppedTimeProvider());

    /// <summary>The remote estimate (three characters a token) plus a few tokens of chat markup per message.</summary>
    private static int EstimatedTokens(IReadOnlyList<ChatMessage> messages) =>
        messages.Sum(m => TokenEstimator.Estimate(m.Text) + 4);
}

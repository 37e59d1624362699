using CodeAssist.Features.Explain;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm.Chat;
using CodeAssist.TestUtilities.Assist;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>
/// Explain through a real GGUF whose context is 2048 tokens (random weights, byte-level vocabulary, so about one
/// token a character): the prompt is fitted to the window the model reports, and the model answers.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class ExplainOnSmallContextTests
{
    [Fact]
    public async Task ExplainAsync_FortyLineMethodOn2048TokenModel_AnswersThroughTheModel()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2, contextSize: 2048);
        using var workspace = new AssistWorkspace(("Meter.cs", LongMethodSource.Create(callers: 4, documentationSentences: 3)));
        var service = new ExplainService(new FakeLanguageModels(model.Chat), null, PromptLibrary.BuiltInOnly, TimeProvider.System);
        var window = model.Chat.GetService<ChatContextWindow>();

        var code = (await workspace.MarkedDocument.GetTextAsync()).ToString(workspace.MarkedSpan);

        var result = await service.ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);

        Assert.NotNull(window);
        Assert.Equal(2048, window.ContextLength);
        // The code alone did not fit beside the fixed 1024-token answer this feature reserved before.
        var codeOnly = window.CountPromptTokens(PromptLibrary.BuiltInOnly.Get(PromptLibrary.Explain).Render(new Dictionary<string, string>
        {
            ["code"] = PromptText.QuoteCode(code, firstLineNumber: 6),
        }));
        Assert.True(codeOnly > 2048 - 1024 - 1, $"the code-only prompt is {codeOnly} tokens");
        Assert.True(result.EndLine - result.StartLine + 1 >= 40, $"the span has {result.EndLine - result.StartLine + 1} lines");
        Assert.Null(result.Notice);
        Assert.Equal(model.Completion.Info.ModelId, result.ModelId);
        Assert.DoesNotContain("Roslyn alone", result.Markdown, StringComparison.Ordinal);
    }
}

using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.Tests.InlineCompletion;

/// <summary>A service over a scripted model with no debounce, and the one-call check used by the feature tests.</summary>
internal static class InlineCompletionTestHost
{
    public static CodeAssistOptions Options(bool verify = true, int verifyBudgetMs = 60000, int candidates = 1, bool showUnverified = false) => new()
    {
        Completion = new CompletionOptions
        {
            DebounceMs = 0, Verify = verify, VerifyBudgetMs = verifyBudgetMs, Candidates = candidates, ShowUnverified = showUnverified,
        },
    };

    public static InlineCompletionService Create(FakeCompletionModel? model, CodeAssistOptions? options = null, ICodeContextProvider? context = null)
    {
        var settings = options ?? Options();
        return new InlineCompletionService(new FakeLanguageModels(model), context, () => settings);
    }

    public static async Task<(InlineCompletionResult Result, InlineCompletionService Service)> CompleteAsync(
        string markup, FakeCompletionModel? model, CodeAssistOptions? options = null)
    {
        var (document, position) = CompletionFixture.Create(markup);
        var service = Create(model, options);
        var result = await service.GetCompletionsAsync(new InlineCompletionRequest(document, position), CancellationToken.None);
        return (result, service);
    }

    public static Task<InlineCompletionResult> CompleteAsync(InlineCompletionService service, Document document, int position, CancellationToken cancellationToken = default) =>
        service.GetCompletionsAsync(new InlineCompletionRequest(document, position), cancellationToken);
}

using CodeAssist.Context;
using CodeAssist.Features.Caching;
using CodeAssist.Features.Common;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Refactor;

/// <summary>Refactoring suggestions: a verified rewrite from the model, alongside Roslyn's built-in refactorings.</summary>
/// <param name="exclusion">Files under content exclusion, whose declarations are left out of the facts.</param>
public sealed class RefactorService(ILanguageModels models, IResponseCache? cache, PromptLibrary prompts, TimeProvider timeProvider, ContentExclusion? exclusion = null)
{
    public const string Feature = "refactor";

    public bool HasModel => models.GetChatClient(Feature) is not null;

    /// <param name="includeRoslyn">Also compute Roslyn's refactorings (the CLI does; the server lists them separately).</param>
    public async Task<RefactorReport> SuggestAsync(
        Document document, TextSpan span, bool allowSignatureChanges, string? request, bool includeRoslyn, CancellationToken cancellationToken)
    {
        var suggestions = new List<CodeSuggestion>();
        var rejected = new List<string>();
        string? notice = null;
        var client = models.GetChatClient(Feature);
        if (client is null)
        {
            notice = NoModelNotice.For(models.Status);
        }
        else
        {
            try
            {
                var (suggestion, rejection) = await new ModelRefactorer(client, cache, prompts, timeProvider, exclusion)
                    .RefactorAsync(document, span, allowSignatureChanges, request, cancellationToken).ConfigureAwait(false);
                if (suggestion is not null)
                {
                    suggestions.Add(suggestion);
                }

                if (rejection is not null)
                {
                    rejected.Add(rejection);
                    notice = $"No model refactoring offered: {rejection}.";
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                notice = NoModelNotice.For(new ModelStatus(ModelState.Failed, exception.Message));
            }
        }

        if (includeRoslyn)
        {
            suggestions.AddRange(await RoslynRefactorings.ComputeAsync(document, span, cancellationToken).ConfigureAwait(false));
        }

        return new RefactorReport(suggestions, notice, rejected);
    }
}

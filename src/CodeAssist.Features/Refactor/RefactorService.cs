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
        var proposal = await ModelProposal.AskAsync(
            models,
            Feature,
            "refactoring",
            client => new ModelRefactorer(client, cache, prompts, timeProvider, exclusion).RefactorAsync(document, span, allowSignatureChanges, request, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var suggestions = new List<CodeSuggestion>();
        if (proposal.Suggestion is { } suggestion)
        {
            suggestions.Add(suggestion);
        }

        if (includeRoslyn)
        {
            suggestions.AddRange(await RoslynRefactorings.ComputeAsync(document, span, cancellationToken).ConfigureAwait(false));
        }

        return new RefactorReport(suggestions, proposal.Notice, proposal.Rejection is { } rejection ? [rejection] : []);
    }
}

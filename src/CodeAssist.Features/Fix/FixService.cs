using CodeAssist.Context;
using CodeAssist.Features.Caching;
using CodeAssist.Features.Common;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Fix;

/// <summary>Debugging hints for diagnostics: Roslyn's code fixes first, then a compiler-verified fix from the model.</summary>
/// <param name="exclusion">Files under content exclusion, whose declarations are left out of the facts.</param>
public sealed class FixService(ILanguageModels models, IResponseCache? cache, PromptLibrary prompts, TimeProvider timeProvider, ContentExclusion? exclusion = null)
{
    public const string Feature = "fix";

    /// <summary>Errors and warnings whose span touches <paramref name="span"/> (the whole document when null), errors first.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> DiagnosticsAsync(Document document, TextSpan? span, CancellationToken cancellationToken)
    {
        var all = await DiagnosticFacts.GetAsync(document, null, cancellationToken).ConfigureAwait(false);
        return all.Where(d => span is null || d.Location.SourceSpan.IntersectsWith(span.Value) || span.Value.Contains(d.Location.SourceSpan.Start))
            .OrderByDescending(d => d.Severity)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToList();
    }

    /// <summary>The diagnostic with <paramref name="id"/> at <paramref name="span"/>, as an editor names it; null when it is gone.</summary>
    public static async Task<Diagnostic?> FindAsync(Document document, string id, TextSpan span, CancellationToken cancellationToken)
    {
        var candidates = await DiagnosticsAsync(document, span, cancellationToken).ConfigureAwait(false);
        return candidates.Where(d => d.Id == id).OrderBy(d => Math.Abs(d.Location.SourceSpan.Start - span.Start)).FirstOrDefault();
    }

    /// <summary>Whether a "Fix with CodeAssist" action has anything to offer: Roslyn fixers exist or a model is available.</summary>
    public bool CanFix(Diagnostic diagnostic) =>
        !RoslynProviderCatalog.FixersFor(diagnostic.Id).IsEmpty || models.GetChatClient(Feature) is not null;

    /// <summary>Whether the model fix can be offered at all (a chat model is ready for this feature).</summary>
    public bool HasModel => models.GetChatClient(Feature) is not null;

    /// <summary>
    /// Titles of Roslyn's fixes for the diagnostic, best first, with their tier, without computing their edits (fast
    /// enough for every cursor move). The model's fix belongs after the corrections (<see cref="FixTier.Other"/>).
    /// </summary>
    public static async Task<IReadOnlyList<(string Title, FixTier Tier)>> ListRoslynFixesAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        (await RoslynCodeFixes.ListAsync(document, diagnostic, cancellationToken).ConfigureAwait(false)).Select(a => (RoslynCodeFixes.RoslynTitle(a.Title), a.Tier)).ToList();

    /// <summary>The edit of the Roslyn fix titled <paramref name="title"/> (as listed), or null when it is no longer offered.</summary>
    public static async Task<CodeSuggestion?> ResolveRoslynFixAsync(Document document, Diagnostic diagnostic, string title, CancellationToken cancellationToken)
    {
        foreach (var (candidate, action, _) in await RoslynCodeFixes.ListAsync(document, diagnostic, cancellationToken).ConfigureAwait(false))
        {
            if (RoslynCodeFixes.RoslynTitle(candidate) == title)
            {
                var edits = await RoslynActions.EditsAsync(action, document.Project.Solution, cancellationToken).ConfigureAwait(false);
                return edits.Count == 0 ? null : new CodeSuggestion(title, SuggestionSource.Roslyn, null, edits);
            }
        }

        return null;
    }

    /// <summary>Only the model's verified fix (for lazy resolution): the suggestion, or why there is none.</summary>
    public async Task<(CodeSuggestion? Suggestion, string? Rejection)> ModelFixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var proposal = await AskModelAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        return (proposal.Suggestion, proposal.Failure is { } failure ? $"the model failed: {failure}" : proposal.Rejection ?? proposal.Notice);
    }

    public async Task<FixReport> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var suggestions = new List<CodeSuggestion>(await RoslynCodeFixes.ComputeAsync(document, diagnostic, cancellationToken).ConfigureAwait(false));
        var proposal = await AskModelAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (proposal.Suggestion is { } suggestion)
        {
            // Verified by the compiler (the diagnostic is gone, nothing new broke): after the corrections, which
            // the user almost always wants, before the other fixes and the generated members.
            var at = suggestions.FindIndex(s => s.Tier != FixTier.Correction);
            suggestions.Insert(at < 0 ? suggestions.Count : at, suggestion with { Tier = FixTier.Other });
        }

        return new FixReport(DiagnosticFacts.ToFact(diagnostic), suggestions, proposal.Notice, proposal.Rejection is { } rejection ? [rejection] : []);
    }

    private Task<ModelProposal> AskModelAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        ModelProposal.AskAsync(
            models,
            Feature,
            "fix",
            client => new ModelFixer(client, cache, prompts, timeProvider, exclusion).FixAsync(document, diagnostic, cancellationToken),
            cancellationToken);
}

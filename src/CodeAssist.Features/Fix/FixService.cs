using CodeAssist.Features.Caching;
using CodeAssist.Features.Common;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Fix;

/// <summary>Debugging hints for diagnostics: Roslyn's code fixes first, then a compiler-verified fix from the model.</summary>
public sealed class FixService(ILanguageModels models, IResponseCache? cache, PromptLibrary prompts, TimeProvider timeProvider)
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

    public async Task<FixReport> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var suggestions = new List<CodeSuggestion>(await RoslynCodeFixes.ComputeAsync(document, diagnostic, cancellationToken).ConfigureAwait(false));
        var rejected = new List<string>();
        string? notice;
        var client = models.GetChatClient(Feature);
        if (client is null)
        {
            notice = NoModelNotice.For(models.Status);
        }
        else
        {
            try
            {
                var (suggestion, rejection) = await new ModelFixer(client, cache, prompts, timeProvider).FixAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
                if (suggestion is not null)
                {
                    suggestions.Add(suggestion);
                }

                if (rejection is not null)
                {
                    rejected.Add(rejection);
                }

                notice = rejection is null ? null : $"No model fix offered: {rejection}.";
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                notice = NoModelNotice.For(new ModelStatus(ModelState.Failed, exception.Message));
            }
        }

        return new FixReport(DiagnosticFacts.ToFact(diagnostic), suggestions, notice, rejected);
    }
}

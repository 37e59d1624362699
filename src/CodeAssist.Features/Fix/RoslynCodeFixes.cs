using System.Collections.Immutable;
using CodeAssist.Features.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CodeAssist.Features.Fix;

/// <summary>Roslyn's own code fixes for a diagnostic (add using, fix spelling, generate member...), run headless.</summary>
internal static class RoslynCodeFixes
{
    public const int MaxActions = 8;

    public static Task<IReadOnlyList<(string Title, CodeAction Action)>> ListAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        ListAsync(document, diagnostic, RoslynProviderCatalog.FixersFor(diagnostic.Id), cancellationToken);

    /// <summary>The actions of the given fixers only, in the order they register them (best first within a fixer).</summary>
    public static async Task<IReadOnlyList<(string Title, CodeAction Action)>> ListAsync(
        Document document, Diagnostic diagnostic, IEnumerable<CodeFixProvider> fixers, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        foreach (var fixer in fixers)
        {
            var context = new CodeFixContext(document, diagnostic.Location.SourceSpan, [diagnostic], (action, _) =>
            {
                lock (actions)
                {
                    actions.Add(action);
                }
            }, cancellationToken);
            try
            {
                await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One fixer that needs a service we do not host must not hide the others' fixes.
            }
        }

        return actions.SelectMany(a => RoslynActions.Flatten(a))
            .DistinctBy(a => a.Title, StringComparer.Ordinal)
            .Take(MaxActions)
            .ToList();
    }

    public static async Task<IReadOnlyList<CodeSuggestion>> ComputeAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var suggestions = new List<CodeSuggestion>();
        foreach (var (title, action) in await ListAsync(document, diagnostic, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var edits = await RoslynActions.EditsAsync(action, document.Project.Solution, cancellationToken).ConfigureAwait(false);
                if (edits.Count > 0)
                {
                    suggestions.Add(new CodeSuggestion(RoslynTitle(title), SuggestionSource.Roslyn, null, edits));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Same as above: a failing action is dropped, not fatal.
            }
        }

        return suggestions;
    }

    public static string RoslynTitle(string title) => $"Fix (Roslyn): {title}";

    public static ImmutableArray<string> FixableIds(Diagnostic diagnostic) =>
        RoslynProviderCatalog.FixersFor(diagnostic.Id).IsEmpty ? [] : [diagnostic.Id];
}

using CodeAssist.Features.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Refactor;

/// <summary>Roslyn's built-in refactorings available at a span, headless (dialog-based ones are left out).</summary>
public static class RoslynRefactorings
{
    public const int MaxActions = 20;

    public static async Task<IReadOnlyList<(string Title, CodeAction Action)>> ListAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        foreach (var provider in RoslynProviderCatalog.Refactorings)
        {
            var context = new CodeRefactoringContext(document, span, action =>
            {
                lock (actions)
                {
                    actions.Add(action);
                }
            }, cancellationToken);
            try
            {
                await provider.ComputeRefactoringsAsync(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Providers that need services we do not host are skipped; the others still count.
            }
        }

        return actions.SelectMany(a => RoslynActions.Flatten(a))
            .DistinctBy(a => a.Title, StringComparer.Ordinal)
            .Take(MaxActions)
            .ToList();
    }

    public static string Title(string roslynTitle) => $"Refactor (Roslyn): {roslynTitle}";

    /// <summary>The edit of the refactoring whose <see cref="Title"/> is <paramref name="title"/>, or null when it is not offered any more.</summary>
    public static async Task<CodeSuggestion?> ResolveAsync(Document document, TextSpan span, string title, CancellationToken cancellationToken)
    {
        foreach (var (candidate, action) in await ListAsync(document, span, cancellationToken).ConfigureAwait(false))
        {
            if (Title(candidate) == title)
            {
                var edits = await RoslynActions.EditsAsync(action, document.Project.Solution, cancellationToken).ConfigureAwait(false);
                return edits.Count == 0 ? null : new CodeSuggestion(title, SuggestionSource.Roslyn, null, edits);
            }
        }

        return null;
    }

    public static async Task<IReadOnlyList<CodeSuggestion>> ComputeAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var suggestions = new List<CodeSuggestion>();
        foreach (var (title, action) in await ListAsync(document, span, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var edits = await RoslynActions.EditsAsync(action, document.Project.Solution, cancellationToken).ConfigureAwait(false);
                if (edits.Count > 0)
                {
                    suggestions.Add(new CodeSuggestion(Title(title), SuggestionSource.Roslyn, null, edits));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A refactoring that fails to compute is simply not offered.
            }
        }

        return suggestions;
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;

namespace CodeAssist.Features.Common;

/// <summary>Flattens Roslyn code actions and computes their edits without a UI.</summary>
internal static class RoslynActions
{
    /// <summary>
    /// Leaf actions, nested ones titled "parent: child". Actions with options need a dialog (extract interface,
    /// change signature...) and cannot run headless, so they are left out.
    /// </summary>
    public static IEnumerable<(string Title, CodeAction Action)> Flatten(CodeAction action, string? parentTitle = null)
    {
        if (action is CodeActionWithOptions)
        {
            yield break;
        }

        var title = parentTitle is null ? action.Title : $"{parentTitle}: {action.Title}";
        if (action.NestedActions.IsDefaultOrEmpty)
        {
            yield return (title, action);
            yield break;
        }

        foreach (var nested in action.NestedActions)
        {
            foreach (var leaf in Flatten(nested, title))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>The solution the action produces, or null when it does something other than change text.</summary>
    public static async Task<Solution?> ChangedSolutionAsync(CodeAction action, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        return operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
    }

    public static async Task<IReadOnlyList<FileEdit>> EditsAsync(CodeAction action, Solution original, CancellationToken cancellationToken)
    {
        var changed = await ChangedSolutionAsync(action, cancellationToken).ConfigureAwait(false);
        return changed is null ? [] : await SolutionEdits.DiffAsync(original, changed, cancellationToken).ConfigureAwait(false);
    }
}

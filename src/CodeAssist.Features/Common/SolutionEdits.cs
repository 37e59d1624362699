using CodeAssist.Context;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.Common;

/// <summary>Turns a changed solution into per-file edits (text documents only; added or removed files are not supported).</summary>
internal static class SolutionEdits
{
    public static async Task<IReadOnlyList<FileEdit>> DiffAsync(Solution original, Solution changed, CancellationToken cancellationToken)
    {
        var edits = new List<FileEdit>();
        foreach (var project in changed.GetChanges(original).GetProjectChanges())
        {
            foreach (var id in project.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true))
            {
                var before = original.GetDocument(id);
                var after = changed.GetDocument(id);
                if (before is null || after is null)
                {
                    continue;
                }

                var oldText = await before.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var newText = await after.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var changes = newText.GetTextChanges(oldText)
                    .Select(c => new DocumentTextChange(c.Span.Start, c.Span.Length, c.NewText ?? ""))
                    .ToList();
                if (changes.Count > 0)
                {
                    edits.Add(new FileEdit(before.FilePath ?? before.Name, changes, oldText.ToString(), newText.ToString()));
                }
            }
        }

        return edits;
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Context.Collection;

/// <summary>
/// The fallback when the compiler knows little (a file that does not compile, a folder without references): the
/// windows of open and recently edited files whose identifiers overlap most with the lines before the cursor
/// (Jaccard over identifier sets, as Cody does).
/// </summary>
internal static class LexicalSource
{
    private const int WindowLines = 20;
    private const int QueryLines = 10;
    private const int MaxWindows = 4;
    private const int MaxFiles = 30;

    public static async Task<IReadOnlyList<ContextCandidate>> CollectAsync(CursorSite site, IReadOnlyList<string> recentFiles, ContentExclusion exclusion, CancellationToken cancellationToken)
    {
        var text = await site.Document.GetTextAsync(cancellationToken);
        var line = text.Lines.GetLineFromPosition(site.Position).LineNumber;
        var queryStart = text.Lines[Math.Max(0, line - QueryLines)].Start;
        var query = IdentifierWords.Identifiers(text.ToString(TextSpan.FromBounds(queryStart, site.Position))).ToHashSet(StringComparer.Ordinal);
        if (query.Count == 0)
        {
            return [];
        }

        var solution = site.Document.Project.Solution;
        var files = recentFiles
            .Concat(site.Document.Project.Documents.Select(d => d.FilePath).OfType<string>()
                .Where(p => Path.GetDirectoryName(p) == Path.GetDirectoryName(site.FilePath)))
            .Where(p => p != site.FilePath && !exclusion.IsExcluded(p))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxFiles);
        var windows = new List<(double Score, string Path, int Line, string Text)>();
        foreach (var path in files)
        {
            var id = solution.GetDocumentIdsWithFilePath(path).FirstOrDefault();
            if (id is null || solution.GetDocument(id) is not { } other)
            {
                continue;
            }

            var otherText = await other.GetTextAsync(cancellationToken);
            for (var start = 0; start < otherText.Lines.Count; start += WindowLines / 2)
            {
                var end = Math.Min(otherText.Lines.Count - 1, start + WindowLines - 1);
                var window = otherText.ToString(TextSpan.FromBounds(otherText.Lines[start].Start, otherText.Lines[end].End));
                var identifiers = IdentifierWords.Identifiers(window).ToHashSet(StringComparer.Ordinal);
                var union = query.Count + identifiers.Count(i => !query.Contains(i));
                var jaccard = union == 0 ? 0 : (double)identifiers.Count(query.Contains) / union;
                if (jaccard > 0)
                {
                    windows.Add((jaccard, path, start, window));
                }
            }
        }

        return [.. windows.OrderByDescending(w => w.Score).Take(MaxWindows).Select(w => new ContextCandidate(
            ContextItemKind.Lexical,
            $"// {Path.GetFileName(w.Path)}:{w.Line + 1}\n{w.Text.TrimEnd()}",
            0.2 + (0.2 * w.Score),
            new SourceLocation(w.Path, w.Line, 0, w.Line + WindowLines - 1, 0)))];
    }
}

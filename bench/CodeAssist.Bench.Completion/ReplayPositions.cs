using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// Picks what the replay retypes: single-line statements inside method bodies, spread evenly over a few large files;
/// or (<see cref="FromPointsAsync"/>) mined cross-file points, whose needed identifier the replay looks for in the prompts.
/// </summary>
internal static class ReplayPositions
{
    public static readonly string[] Files =
    [
        "Src/Newtonsoft.Json/JsonTextReader.cs",
        "Src/Newtonsoft.Json/JsonTextWriter.cs",
        "Src/Newtonsoft.Json/Serialization/JsonSerializerInternalReader.cs",
        "Src/Newtonsoft.Json/Serialization/DefaultContractResolver.cs",
        "Src/Newtonsoft.Json/Linq/JToken.cs",
        "Src/Newtonsoft.Json/Utilities/ReflectionUtils.cs",
    ];

    public static async Task<IReadOnlyList<ReplayPosition>> PickAsync(Project project, int count, int minLength, CancellationToken cancellationToken)
    {
        var perFile = (int)Math.Ceiling(count / (double)Files.Length);
        var positions = new List<ReplayPosition>();
        foreach (var file in Files)
        {
            var document = BenchWorkspace.Find(project, file);
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var statements = root!.DescendantNodes()
                .OfType<StatementSyntax>()
                .Where(s => s is ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax)
                .Where(s => s.Ancestors().OfType<BaseMethodDeclarationSyntax>().Any(m => m.Body is not null))
                .Select(s => (Statement: s, Line: text.Lines.GetLineFromPosition(s.SpanStart)))
                .Where(pair => pair.Line.End - pair.Statement.SpanStart >= minLength && pair.Statement.Span.End <= pair.Line.End)
                .ToList();
            for (var i = 0; i < perFile && i < statements.Count && positions.Count < count; i++)
            {
                var (statement, line) = statements[(int)((i + 0.5) * statements.Count / perFile)];
                positions.Add(new ReplayPosition(file, statement.SpanStart, text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(statement.SpanStart, line.End))));
            }
        }

        return positions;
    }

    /// <summary>
    /// <paramref name="count"/> mined points spread evenly over the file, each typed from its identifier to the end of its
    /// line. Points whose line moved in this checkout, or whose file is not in the project, are skipped and counted.
    /// </summary>
    public static async Task<IReadOnlyList<ReplayPosition>> FromPointsAsync(
        Project project, string pointsFile, int count, int minLength, CancellationToken cancellationToken)
    {
        var usable = new List<ReplayPosition>();
        var skipped = 0;
        foreach (var line in await File.ReadAllLinesAsync(pointsFile, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(line) || JsonSerializer.Deserialize<MinedPoint>(line) is not { } point || point.Hole.Length < minLength)
            {
                continue;
            }

            var document = project.Documents.FirstOrDefault(d => d.FilePath == point.File);
            var text = document is null ? null : await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (text is null || point.Offset + point.Hole.Length > text.Length
                || text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(point.Offset, point.Hole.Length)) != point.Hole)
            {
                skipped++;
                continue;
            }

            usable.Add(new ReplayPosition(point.File, point.Offset, point.Hole, point.Token));
        }

        Console.WriteLine($"Mined points: {usable.Count} usable, {skipped} skipped (moved or not in the project); replaying {Math.Min(count, usable.Count)}.");
        return Enumerable.Range(0, Math.Min(count, usable.Count)).Select(i => usable[(int)((i + 0.5) * usable.Count / Math.Min(count, usable.Count))]).ToList();
    }
}

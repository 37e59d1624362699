using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Bench.Completion;

/// <summary>Picks single-line statements inside method bodies, spread evenly over a few large files.</summary>
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
}

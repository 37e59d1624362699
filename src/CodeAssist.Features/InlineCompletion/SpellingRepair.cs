using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Finds the accessible name nearest to a misspelled one, by edit distance. Roslyn's own spell-check fixer is not
/// public API; the candidates here are the same (what lookup at the position or on the receiver type can see).
/// </summary>
internal static class SpellingRepair
{
    public static string? FindReplacement(SemanticModel model, SyntaxNode root, TextSpan span, CancellationToken cancellationToken)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        if (node is not SimpleNameSyntax name)
        {
            return null;
        }

        var misspelled = name.Identifier.ValueText;
        var names = CandidateNames(model, name, cancellationToken);
        return Nearest(misspelled, names);
    }

    /// <summary>The nearest name within two edits (and under half the length), or null when none or a tie.</summary>
    public static string? Nearest(string misspelled, IEnumerable<string> names)
    {
        var limit = Math.Min(2, Math.Max(1, misspelled.Length / 2 - 1));
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var candidate in names.Distinct(StringComparer.Ordinal))
        {
            if (candidate == misspelled || Math.Abs(candidate.Length - misspelled.Length) > limit)
            {
                continue;
            }

            var distance = EditDistance(misspelled, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance, tie) = (candidate, distance, false);
            }
            else if (distance == bestDistance)
            {
                tie = true;
            }
        }

        return best is not null && bestDistance <= limit && !tie ? best : null;
    }

    private static IEnumerable<string> CandidateNames(SemanticModel model, SimpleNameSyntax name, CancellationToken cancellationToken)
    {
        var position = name.SpanStart;
        if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
        {
            var receiver = model.GetSymbolInfo(access.Expression, cancellationToken).Symbol;
            if (receiver is INamespaceOrTypeSymbol container && receiver is not ILocalSymbol)
            {
                return model.LookupSymbols(position, container).Select(symbol => symbol.Name);
            }

            var type = model.GetTypeInfo(access.Expression, cancellationToken).Type;
            return type is null ? [] : model.LookupSymbols(position, type, includeReducedExtensionMethods: true).Select(symbol => symbol.Name);
        }

        return model.LookupSymbols(position).Select(symbol => symbol.Name);
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

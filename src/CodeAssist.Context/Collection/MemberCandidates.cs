using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Collection;

/// <summary>
/// Candidates for the members of one type, grouped under the type's declaration. Overloads and overrides collapse to
/// one entry per name. Every member gets a full signature and a cheaper name-only fallback, so a tight budget still
/// names many members ("// also: A, B") rather than a few signatures.
/// </summary>
internal static class MemberCandidates
{
    private const int FullSignatures = 12;

    public static string GroupKey(INamedTypeSymbol type) => "type:" + type.OriginalDefinition.ToDisplayString();

    public static ContextCandidate Header(INamedTypeSymbol type, ContextItemKind kind, double score, bool withSummary)
    {
        var summary = withSummary ? SymbolText.Summary(type) : "";
        var head = SymbolText.TypeHead(type);
        return new ContextCandidate(kind, head, score, SymbolText.Location(type))
        {
            Group = GroupKey(type),
            GroupHeader = summary.Length > 0 ? $"/// {summary}\n{head}" : head,
            IsHeaderOnly = true,
            Key = "head:" + GroupKey(type),
        };
    }

    /// <param name="members">Members in any order; the caller filters accessibility.</param>
    /// <param name="rank">A relevance in [0, 1] added on top of <paramref name="baseScore"/> (scaled to 0.1).</param>
    public static IEnumerable<ContextCandidate> For(
        INamedTypeSymbol type,
        IEnumerable<ISymbol> members,
        ContextItemKind kind,
        double baseScore,
        Func<ISymbol, double> rank,
        int summaries,
        int signatures = 60)
    {
        var group = GroupKey(type);
        var header = Header(type, kind, baseScore, withSummary: true).GroupHeader;
        var list = members.Where(IsInteresting).ToList();
        var overridden = new HashSet<ISymbol>(list.Select(Overridden).OfType<ISymbol>(), SymbolEqualityComparer.Default);
        var byName = list
            .Where(m => !overridden.Contains(m))
            .GroupBy(m => m.Name, StringComparer.Ordinal)
            .Select(g => (First: g.OrderBy(m => m is IMethodSymbol method ? method.Parameters.Length : 0).First(), Count: g.Count()))
            .Select(m => (m.First, m.Count, Rank: rank(m.First)))
            .OrderByDescending(m => m.Rank)
            .ThenBy(m => m.First.Name, StringComparer.Ordinal)
            .ToList();
        var index = 0;
        foreach (var (member, count, memberRank) in byName)
        {
            // The best few get signatures first; then every other member by name (an "also:" line), and only then
            // the rest of the signatures, which replace their names when the budget allows.
            var score = baseScore + (0.1 * memberRank) - (index * 0.0005);
            var fullScore = index < FullSignatures ? score : score - 0.3;
            var key = $"{group}.{member.Name}";
            var nameOnly = new ContextCandidate(kind, member.Name, baseScore - 0.01 - (index * 0.0001), SymbolText.Location(member))
            {
                Group = group,
                GroupHeader = header,
                Key = key,
                IsNameOnly = true,
            };
            if (index >= signatures)
            {
                // Rendering signatures is the expensive part; far down the ranking a name is all that could fit.
                yield return nameOnly;
                index++;
                continue;
            }

            var text = SymbolText.Member(member);
            if (count > 1)
            {
                text += $" // +{count - 1} overload{(count > 2 ? "s" : "")}";
            }

            var summary = index < summaries ? SymbolText.Summary(member, 90) : "";
            if (summary.Length > 0)
            {
                text = $"/// {summary}\n{text}";
            }

            yield return new ContextCandidate(kind, text, fullScore, SymbolText.Location(member)) { Group = group, GroupHeader = header, Key = key };
            yield return nameOnly;
            index++;
        }
    }

    private static ISymbol? Overridden(ISymbol member) => member switch
    {
        IMethodSymbol method => method.OverriddenMethod,
        IPropertySymbol property => property.OverriddenProperty,
        IEventSymbol e => e.OverriddenEvent,
        _ => null,
    };

    private static bool IsInteresting(ISymbol member) =>
        !member.IsImplicitlyDeclared
        && member.CanBeReferencedByName
        && member.ContainingType?.SpecialType != SpecialType.System_Object
        && member switch
        {
            IMethodSymbol method => method.MethodKind is MethodKind.Ordinary or MethodKind.ReducedExtension,
            IFieldSymbol or IPropertySymbol or IEventSymbol or INamedTypeSymbol => true,
            _ => false,
        };
}

using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Collection;

/// <summary>The type the cursor's expression should have, with the values it offers (enum members, static members).</summary>
internal static class ExpectedTypeSource
{
    public static IEnumerable<ContextCandidate> Collect(CursorSite site)
    {
        foreach (var type in site.ExpectedTypes.Take(3))
        {
            yield return new ContextCandidate(ContextItemKind.ExpectedType, $"expected type: {SymbolText.TypeName(type)}", 0.96, SymbolText.Location(type));
            if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None || !Relevance.IsInSource(named))
            {
                continue;
            }

            // Enum members and static factories are what an expected type usually gets filled with.
            var members = named.TypeKind == TypeKind.Enum
                ? named.GetMembers().Where(m => m is IFieldSymbol)
                : site.Model.LookupStaticMembers(site.Position, named).Where(m => m.ContainingType?.SpecialType == SpecialType.None);
            var baseScore = named.TypeKind == TypeKind.Enum ? 0.6 : 0.45;
            foreach (var candidate in MemberCandidates.For(named, members, ContextItemKind.ExpectedType, baseScore, m => Relevance.Lexical(m.Name, site.Words), summaries: 0))
            {
                yield return candidate;
            }
        }
    }
}

using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Collection;

/// <summary>Where the cursor is: namespace, enclosing type with its bases, enclosing member signature.</summary>
internal static class HeaderSource
{
    public static IEnumerable<ContextCandidate> Collect(CursorSite site)
    {
        if (site.Namespace is { } ns)
        {
            yield return new ContextCandidate(ContextItemKind.Namespace, $"namespace {ns};", 1.0, null);
        }

        for (var type = site.Type; type is not null; type = type.ContainingType)
        {
            var summary = SymbolText.Summary(type);
            var text = SymbolText.TypeHead(type);
            yield return new ContextCandidate(ContextItemKind.EnclosingType, summary.Length > 0 ? $"/// {summary}\n{text}" : text, 0.99, SymbolText.Location(type))
            {
                Key = "enclosing:" + MemberCandidates.GroupKey(type),
            };
        }

        if (site.Member is { } member and not INamedTypeSymbol)
        {
            yield return new ContextCandidate(ContextItemKind.EnclosingMember, SymbolText.Member(member), 0.98, SymbolText.Location(member));
        }
    }
}

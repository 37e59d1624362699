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
            var key = "enclosing:" + MemberCandidates.GroupKey(type);
            var full = summary.Length > 0 ? $"/// {summary}\n{text}" : text;
            yield return new ContextCandidate(ContextItemKind.EnclosingType, full, 0.99, SymbolText.Location(type))
            {
                Key = key,
            };

            // The same head without summary and bases, standing in for it: below the names-first budget the full head
            // (40-50 tokens for a documented type with a few interfaces) comes last and replaces it only where room is
            // left, so a head on a slow CPU keeps its budget for the receiver's members. Above it, it is never taken.
            if (SymbolText.ShortTypeHead(type) is var shortHead && shortHead != full)
            {
                yield return new ContextCandidate(ContextItemKind.EnclosingType, shortHead, 0.989, SymbolText.Location(type)) { Key = key, IsNameOnly = true };
            }
        }

        if (site.Member is { } member and not INamedTypeSymbol)
        {
            var signature = SymbolText.Member(member);
            var key = "enclosing-member:" + member.Name;
            yield return new ContextCandidate(ContextItemKind.EnclosingMember, signature, 0.98, SymbolText.Location(member)) { Key = key };

            // Its parameters are also in scope (the "in scope" line): below the names-first budget the signature stands in
            // without them, as the type does without its bases (a long parameter list took half of a head's context).
            if (signature.IndexOf('(', StringComparison.Ordinal) is var open and > 0
                && signature.LastIndexOf(')') is var close && close > open + 1)
            {
                yield return new ContextCandidate(ContextItemKind.EnclosingMember, signature[..(open + 1)] + "..." + signature[close..], 0.979, SymbolText.Location(member))
                {
                    Key = key,
                    IsNameOnly = true,
                };
            }
        }
    }
}

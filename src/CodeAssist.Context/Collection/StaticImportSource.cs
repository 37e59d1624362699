using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Collection;

/// <summary>
/// Members that code calls unqualified because of a "using static" of a project type, in the file or global (an
/// SDK &lt;Using Static="true"&gt; item, a GlobalUsings.cs). The compiler's import scopes at the cursor list both, so
/// no other file is read. Without this, "ContextParameter" or "ToType(...)" from a statically imported helper looks
/// like a name from nowhere.
/// </summary>
internal static class StaticImportSource
{
    private const double BaseScore = 0.45;

    public static IEnumerable<ContextCandidate> Collect(CursorSite site)
    {
        if (site.Receiver is not null)
        {
            yield break;
        }

        var tree = site.Root.SyntaxTree;
        var compilation = site.Model.Compilation;
        double Rank(ISymbol member) => (0.6 * Relevance.Lexical(member.Name, site.Words)) + (0.4 * Relevance.TypeMatch(member, site.ExpectedTypes, compilation));
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var scope in site.Model.GetImportScopes(site.Position))
        {
            foreach (var import in scope.Imports)
            {
                if (import.NamespaceOrType is not INamedTypeSymbol type || !Relevance.IsInSource(type) || !seen.Add(type.OriginalDefinition))
                {
                    continue;
                }

                // A type's own file already shows its members; extension methods need a receiver, not a simple name.
                var members = type.GetMembers().Where(m =>
                    (m.IsStatic || m is INamedTypeSymbol) && m is not IMethodSymbol { IsExtensionMethod: true }
                    && !Relevance.IsInFile(m, tree) && site.Model.IsAccessible(site.Position, m));
                foreach (var candidate in MemberCandidates.For(type, members, ContextItemKind.CrossFileSymbol, BaseScore, Rank, summaries: 2, signatures: 30))
                {
                    yield return candidate;
                }
            }
        }
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Context.Collection;

/// <summary>
/// What small models lack: declarations from OTHER files. Three sets, best first: members the enclosing type gets from
/// its other partial files and its base types (callable unqualified); types used near the cursor with their members;
/// and the project's other types, ranked by namespace, by what the cursor expects and by the words around it.
/// </summary>
internal static class CrossFileSource
{
    private const int MaxUsedTypes = 24;
    private const int UsedTypeLines = 40;
    private const int TypeHeads = 30;

    public static async Task<IReadOnlyList<ContextCandidate>> CollectAsync(CursorSite site, CancellationToken cancellationToken)
    {
        var tree = site.Root.SyntaxTree;
        var candidates = new List<ContextCandidate>();
        var enclosing = EnclosingTypeMembers(site, tree);
        candidates.AddRange(enclosing);
        var used = UsedTypes(site, tree, cancellationToken);
        foreach (var (type, closeness) in used)
        {
            candidates.Add(MemberCandidates.Header(type, ContextItemKind.CrossFileSymbol, 0.5 + (0.2 * closeness), withSummary: true));
            var members = type.GetMembers().Where(m => site.Model.IsAccessible(site.Position, m));
            // Without a receiver the next name is rarely a member of a type used nearby (that would need "x.").
            var baseScore = (site.Receiver is null ? 0.3 : 0.4) + (0.15 * closeness);
            candidates.AddRange(MemberCandidates.For(type, members, ContextItemKind.CrossFileSymbol, baseScore,
                m => Relevance.Lexical(m.Name, site.Words), summaries: 2, signatures: 20));
        }

        if (site.Receiver is null)
        {
            var index = await ProjectTypeIndex.GetAsync(site.Document.Project, cancellationToken);
            candidates.AddRange(ProjectTypes(site, index));
        }

        return candidates;
    }

    private static IEnumerable<ContextCandidate> EnclosingTypeMembers(CursorSite site, SyntaxTree tree)
    {
        var compilation = site.Model.Compilation;
        double Rank(ISymbol member) => (0.6 * Relevance.Lexical(member.Name, site.Words)) + (0.4 * Relevance.TypeMatch(member, site.ExpectedTypes, compilation));
        var depth = 0;
        for (var type = site.Type; type is not null; type = type.ContainingType, depth++)
        {
            // Members of this type declared in its other partial files.
            var elsewhere = type.GetMembers().Where(m => Relevance.IsInSource(m) && !Relevance.IsInFile(m, tree));
            foreach (var candidate in MemberCandidates.For(type, elsewhere, ContextItemKind.CrossFileSymbol, 0.62 - (depth * 0.05), Rank, summaries: 3))
            {
                yield return candidate;
            }

            var level = 0;
            foreach (var baseType in BaseTypes(type))
            {
                var members = baseType.GetMembers().Where(m => site.Model.IsAccessible(site.Position, m) && !m.IsOverride);
                var score = 0.6 - (depth * 0.05) - (level++ * 0.02);
                foreach (var candidate in MemberCandidates.For(baseType, members, ContextItemKind.CrossFileSymbol, score, Rank, summaries: 3))
                {
                    yield return candidate;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> BaseTypes(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null && Relevance.IsInSource(current); current = current.BaseType)
        {
            yield return current;
        }

        foreach (var face in type.AllInterfaces.Where(Relevance.IsInSource))
        {
            yield return face;
        }
    }

    /// <summary>Source types declared in other files that the code around the cursor mentions, with how close (0..1).</summary>
    private static List<(INamedTypeSymbol Type, double Closeness)> UsedTypes(CursorSite site, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken);
        var cursorLine = text.Lines.GetLineFromPosition(site.Position).LineNumber;
        var scopeNode = (SyntaxNode?)site.MemberNode ?? site.Root;
        var from = text.Lines[Math.Max(0, cursorLine - UsedTypeLines)].Start;
        var to = text.Lines[Math.Min(text.Lines.Count - 1, cursorLine + (UsedTypeLines / 4))].End;
        var closeness = new Dictionary<INamedTypeSymbol, double>(SymbolEqualityComparer.Default);
        foreach (var name in scopeNode.DescendantNodes(n => n.Span.IntersectsWith(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(from, to)))
            .OfType<SimpleNameSyntax>().Where(n => n.SpanStart >= from && n.Span.End <= to))
        {
            var symbol = site.Model.GetSymbolInfo(name, cancellationToken).Symbol;
            var line = text.Lines.GetLineFromPosition(name.SpanStart).LineNumber;
            var near = 1.0 / (1 + (Math.Abs(cursorLine - line) / 8.0));
            foreach (var type in RelatedTypes(symbol))
            {
                if (Relevance.IsInSource(type) && !Relevance.IsOnlyInFile(type, tree))
                {
                    closeness[type] = Math.Max(near, closeness.GetValueOrDefault(type));
                }
            }
        }

        return [.. closeness.OrderByDescending(p => p.Value).Take(MaxUsedTypes).Select(p => (p.Key, p.Value))];
    }

    private static IEnumerable<INamedTypeSymbol> RelatedTypes(ISymbol? symbol)
    {
        ITypeSymbol? valueType = symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            IMethodSymbol method => method.ReturnType,
            INamedTypeSymbol type => type,
            _ => null,
        };
        if (valueType is INamedTypeSymbol named)
        {
            yield return named.OriginalDefinition;
            foreach (var argument in named.TypeArguments.OfType<INamedTypeSymbol>())
            {
                yield return argument.OriginalDefinition;
            }
        }

        if (symbol?.ContainingType is { } container && symbol is not INamedTypeSymbol)
        {
            yield return container.OriginalDefinition;
        }
    }

    private static IEnumerable<ContextCandidate> ProjectTypes(CursorSite site, ProjectTypeIndex index)
    {
        var path = site.Root.SyntaxTree.FilePath;
        var imported = ImportedNamespaces(site.Root, index);
        var orphans = OrphanImports(site.Root, index, imported);
        var expected = site.ExpectedTypes.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var scored = new List<(TypeEntry Type, double Score)>();
        foreach (var type in index.Types)
        {
            if (type.Files.All(f => f == path))
            {
                continue;
            }

            var score = 0.25
                + (0.2 * Relevance.Lexical(type.Name, site.Words))
                + (0.12 * type.Popularity)
                + (type.Namespace == site.Namespace ? 0.08 : orphans.Contains(type.Namespace) ? 0.2 : imported.Contains(type.Namespace) ? 0.05 : 0)
                + SlotFit(site.Slot, type.Flags)
                + (expected.Contains(type.Name) || type.BaseNames.Any(expected.Contains) ? 0.3 : 0);
            scored.Add((type, score));
        }

        // The best types by their declaration; every other one by name, in one "// types:" line, which the
        // declaration replaces when the budget allows.
        var rank = 0;
        foreach (var (type, score) in scored.OrderByDescending(t => t.Score))
        {
            var key = "head:" + type.GroupKey;
            if (rank++ < TypeHeads)
            {
                yield return new ContextCandidate(ContextItemKind.CrossFileSymbol, type.Head, score, type.Location)
                {
                    Group = type.GroupKey,
                    GroupHeader = type.Head,
                    IsHeaderOnly = true,
                    Key = key,
                };
            }

            yield return new ContextCandidate(ContextItemKind.CrossFileSymbol, type.Name, score - 0.12, type.Location)
            {
                Group = ContextRenderer.TypesGroup,
                Key = key,
                IsNameOnly = true,
            };
        }
    }

    /// <summary>The project's namespaces the file imports; "using Internal;" inside "namespace Lib" imports Lib.Internal.</summary>
    private static HashSet<string> ImportedNamespaces(SyntaxNode root, ProjectTypeIndex index)
    {
        var usings = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>().Where(u => u.StaticKeyword.IsKind(SyntaxKind.None) && u.Alias is null)
            .Select(u => u.NamespaceOrType.ToString()).ToList();
        return index.Namespaces.Where(ns => usings.Any(u => ns == u || ns.EndsWith("." + u, StringComparison.Ordinal))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Imported project namespaces none of whose types the file names: a using is there for a reason, so the name
    /// at the cursor (which the file does not contain yet) is likely one of their types.
    /// </summary>
    private static HashSet<string> OrphanImports(SyntaxNode root, ProjectTypeIndex index, HashSet<string> imported)
    {
        if (imported.Count == 0)
        {
            return imported;
        }

        var names = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).ToHashSet(StringComparer.Ordinal);
        var used = index.Types.Where(t => imported.Contains(t.Namespace) && names.Contains(t.Name)).Select(t => t.Namespace).ToHashSet(StringComparer.Ordinal);
        return imported.Where(ns => !used.Contains(ns)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>How well a kind of type fits the syntax before the cursor.</summary>
    private static double SlotFit(TypeSlot slot, TypeFlags flags)
    {
        bool Is(TypeFlags flag) => (flags & flag) != 0;
        return slot switch
        {
            TypeSlot.New => Is(TypeFlags.Static) || Is(TypeFlags.Abstract) || Is(TypeFlags.Enum) ? -0.2 : 0.1,
            TypeSlot.ThrowNew => Is(TypeFlags.Exception) && !Is(TypeFlags.Abstract) ? 0.3 : -0.2,
            TypeSlot.Throw => Is(TypeFlags.Exception) ? 0.25 : Is(TypeFlags.Static) ? 0.1 : 0,
            TypeSlot.BaseList => Is(TypeFlags.Static) || Is(TypeFlags.Enum) ? -0.2 : Is(TypeFlags.Abstract) ? 0.15 : 0.05,
            TypeSlot.Attribute => Is(TypeFlags.Attribute) ? 0.3 : -0.2,
            TypeSlot.TypeName => Is(TypeFlags.Static) ? -0.1 : 0.1,
            TypeSlot.StatementStart => Is(TypeFlags.Static) ? 0.15 : Is(TypeFlags.HasStaticMembers) ? 0.05 : 0,
            _ => Is(TypeFlags.Static) ? 0.1 : Is(TypeFlags.Enum) || Is(TypeFlags.HasStaticMembers) ? 0.05 : 0,
        };
    }
}

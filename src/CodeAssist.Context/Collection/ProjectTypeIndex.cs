using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeAssist.Context.Collection;

/// <summary>
/// The source types of a project as plain data (name, rendered head, kind, base names, how many files mention it),
/// for ranking "which type comes next". Rebuilding it walks every type symbol, which after an edit means rebuilding
/// the symbol tables of a fresh compilation; so it is kept across edits and refreshed in the background when the
/// project gains or loses files or the index is a minute old. Ranking by a slightly stale index is fine.
/// </summary>
internal sealed class ProjectTypeIndex
{
    private const long RefreshAfterMilliseconds = 60_000;

    private static readonly ConcurrentDictionary<ProjectId, Slot> Cache = new();

    private ProjectTypeIndex(IReadOnlyList<TypeEntry> types, int documentCount)
    {
        Types = types;
        DocumentCount = documentCount;
        Namespaces = [.. types.Select(t => t.Namespace).Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<TypeEntry> Types { get; }

    /// <summary>The namespaces that hold the project's types, each once.</summary>
    public IReadOnlyList<string> Namespaces { get; }

    private int DocumentCount { get; }

    public static async Task<ProjectTypeIndex> GetAsync(Project project, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (Cache.TryGetValue(project.Id, out var slot))
        {
            var stale = slot.Index.DocumentCount != project.DocumentIds.Count || now - slot.BuiltAt > RefreshAfterMilliseconds;
            if (stale && Interlocked.CompareExchange(ref slot.Refreshing, 1, 0) == 0)
            {
                _ = Task.Run(async () =>
                {
                    var index = await BuildAsync(project, CancellationToken.None).ConfigureAwait(false);
                    Cache[project.Id] = new Slot(index, Environment.TickCount64);
                });
            }

            return slot.Index;
        }

        var built = await BuildAsync(project, cancellationToken).ConfigureAwait(false);
        Cache[project.Id] = new Slot(built, now);
        return built;
    }

    private static async Task<ProjectTypeIndex> BuildAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            return new ProjectTypeIndex([], project.DocumentIds.Count);
        }

        var types = AllTypes(compilation.Assembly.GlobalNamespace)
            .Where(t => t.DeclaredAccessibility is not (Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal) && !t.IsImplicitlyDeclared)
            .ToList();
        var names = types.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var mentions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = await tree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in root.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText) && seen.Add(token.ValueText))
                {
                    mentions[token.ValueText] = mentions.GetValueOrDefault(token.ValueText) + 1;
                }
            }
        }

        var files = Math.Max(2, compilation.SyntaxTrees.Count());
        var entries = types.Select(t => new TypeEntry(
            t.Name,
            t.ContainingNamespace.ToDisplayString(),
            SymbolText.TypeHead(t),
            MemberCandidates.GroupKey(t),
            SymbolText.Location(t),
            [.. t.Locations.Where(l => l.IsInSource).Select(l => l.SourceTree!.FilePath)],
            Flags(t),
            [.. BaseNames(t)],
            Math.Log(1 + mentions.GetValueOrDefault(t.Name)) / Math.Log(files))).ToList();
        return new ProjectTypeIndex(entries, project.DocumentIds.Count);
    }

    private static TypeFlags Flags(INamedTypeSymbol type)
    {
        var flags = TypeFlags.None;
        if (type.IsStatic)
        {
            flags |= TypeFlags.Static;
        }

        if (type.IsAbstract || type.TypeKind == TypeKind.Interface)
        {
            flags |= TypeFlags.Abstract;
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            flags |= TypeFlags.Interface;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            flags |= TypeFlags.Enum;
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == "Exception" && current.ContainingNamespace.ToDisplayString() == "System")
            {
                flags |= TypeFlags.Exception;
            }

            if (current.Name == "Attribute" && current.ContainingNamespace.ToDisplayString() == "System")
            {
                flags |= TypeFlags.Attribute;
            }
        }

        if (!type.IsStatic && type.GetMembers().Any(m => m.IsStatic && m.CanBeReferencedByName && m.DeclaredAccessibility != Accessibility.Private))
        {
            flags |= TypeFlags.HasStaticMembers;
        }

        return flags;
    }

    private static IEnumerable<string> BaseNames(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            yield return current.Name;
        }

        foreach (var face in type.AllInterfaces)
        {
            yield return face.Name;
        }
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                foreach (var type in AllTypes(child))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (var nested in type.GetTypeMembers())
                {
                    yield return nested;
                }
            }
        }
    }

    private sealed class Slot(ProjectTypeIndex index, long builtAt)
    {
        public int Refreshing;

        public ProjectTypeIndex Index { get; } = index;

        public long BuiltAt { get; } = builtAt;
    }
}

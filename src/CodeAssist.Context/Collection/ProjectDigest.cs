using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Context.Collection;

/// <summary>
/// The declarations a project uses most, across its files: the types other files name and the members they reach
/// (<c>JsonToken.StartObject</c>, <c>ReflectionUtils.GetObjectType</c>), ranked by how many files use each one.
/// It does not depend on the caret, so a model's prompt can start with it everywhere in the project: a local model
/// or llama-server evaluates it once (in the background at load) and reuses it from its KV cache for every request,
/// so it adds context that costs no time at a jump. Counting is textual (identifier tokens and <c>T.m</c>
/// member accesses, one count per file) because binding every file of a large project would take seconds.
/// </summary>
internal static class ProjectDigest
{
    // A member used from fewer files is not "the project's vocabulary": the caret's own context finds it when needed.
    private const int MinFiles = 2;

    public static async Task<IReadOnlyList<ContextCandidate>> CandidatesAsync(Project project, ContentExclusion exclusion, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            return [];
        }

        var usage = new UsageCounts();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (exclusion.IsExcluded(tree.FilePath))
            {
                continue;
            }

            usage.Add(await tree.GetRootAsync(cancellationToken).ConfigureAwait(false), cancellationToken);
        }

        var types = compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type, cancellationToken)
            .OfType<INamedTypeSymbol>()
            .Where(t => !t.IsImplicitlyDeclared && t.DeclaredAccessibility is not (Accessibility.Private or Accessibility.Protected)
                && t.Locations.Any(l => l.IsInSource && !exclusion.IsExcluded(l.SourceTree?.FilePath)))
            .ToList();
        var declarers = types.SelectMany(t => t.GetMembers()).Where(IsListed).GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.ContainingType).Distinct(SymbolEqualityComparer.Default).Count(), StringComparer.Ordinal);
        var maxFiles = Math.Max(MinFiles, usage.Files);
        var common = LibraryVocabulary(compilation);
        var candidates = new List<ContextCandidate>();
        foreach (var type in types)
        {
            var typeFiles = usage.FilesNaming(type.Name);
            var group = MemberCandidates.GroupKey(type);
            // The kind and name only: base lists are what the caret's own context shows when the type matters there.
            var head = SymbolText.ShortTypeHead(type);
            var members = new List<ContextCandidate>();
            foreach (var member in type.GetMembers().Where(IsListed).GroupBy(m => m.Name, StringComparer.Ordinal).Select(g => g.First()))
            {
                // Static members and enum values are reached as T.m; an instance member's name is shared by every
                // type that declares one, so its uses are split between them.
                var files = member.IsStatic || type.TypeKind == TypeKind.Enum
                    ? usage.FilesQualifying(type.Name, member.Name)
                    : usage.FilesAccessing(member.Name) / (double)declarers.GetValueOrDefault(member.Name, 1);
                if (files < MinFiles || (!member.IsStatic && common.Contains(member.Name)))
                {
                    continue;
                }

                var score = Math.Log(1 + files) / Math.Log(1 + maxFiles);
                var key = $"{group}.{member.Name}";
                var location = SymbolText.Location(member);
                members.Add(new ContextCandidate(ContextItemKind.CrossFileSymbol, member.Name, score, location) { Group = group, GroupHeader = head, Key = key, IsNameOnly = true });
                if (type.TypeKind != TypeKind.Enum && member is not IFieldSymbol)
                {
                    // A name is what most completions need; the signature replaces it when the budget allows.
                    members.Add(new ContextCandidate(ContextItemKind.CrossFileSymbol, SymbolText.Member(member), score - 1, location) { Group = group, GroupHeader = head, Key = key });
                }
            }

            if (typeFiles >= MinFiles && members.Count == 0)
            {
                // A type used everywhere whose members are not: its name still tells the model it exists.
                members.Add(new ContextCandidate(ContextItemKind.CrossFileSymbol, type.Name, Math.Log(1 + typeFiles) / Math.Log(1 + maxFiles), SymbolText.Location(type))
                {
                    Group = ContextRenderer.TypesGroup,
                    Key = "head:" + group,
                });
            }

            candidates.AddRange(members);
        }

        return candidates;
    }

    /// <summary>
    /// Instance member names of the core library's everyday types (<c>Count</c>, <c>ToString</c>, <c>Length</c>,
    /// <c>Add</c>): textual counts of <c>.Count</c> are mostly uses of the library's, and a model knows those names.
    /// </summary>
    private static HashSet<string> LibraryVocabulary(Compilation compilation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var types = new[] { SpecialType.System_Object, SpecialType.System_String, SpecialType.System_Array, SpecialType.System_Collections_Generic_IList_T, SpecialType.System_Collections_Generic_ICollection_T, SpecialType.System_Collections_Generic_IEnumerable_T }
            .Select(compilation.GetSpecialType)
            .Concat(new[] { "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.List`1", "System.Type", "System.Exception", "System.IO.Stream", "System.IDisposable" }
                .Select(compilation.GetTypeByMetadataName).OfType<INamedTypeSymbol>());
        foreach (var type in types)
        {
            foreach (var member in type.GetMembers().Where(m => !m.IsStatic && m.CanBeReferencedByName))
            {
                names.Add(member.Name);
            }
        }

        return names;
    }

    private static bool IsListed(ISymbol member) =>
        !member.IsImplicitlyDeclared
        && member.CanBeReferencedByName
        && member.DeclaredAccessibility is not (Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
        && member switch
        {
            IMethodSymbol method => method.MethodKind is MethodKind.Ordinary && !method.IsOverride,
            IPropertySymbol property => !property.IsOverride && !property.IsIndexer,
            IFieldSymbol or IEventSymbol => true,
            _ => false,
        };

    /// <summary>Per name, the number of files that use it: as any identifier, as a member access, as <c>T.m</c>.</summary>
    private sealed class UsageCounts
    {
        private readonly Dictionary<string, int> _identifiers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _accessed = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Type, string Member), int> _qualified = [];

        public int Files { get; private set; }

        public int FilesNaming(string name) => _identifiers.GetValueOrDefault(name);

        public int FilesAccessing(string name) => _accessed.GetValueOrDefault(name);

        public int FilesQualifying(string type, string member) => _qualified.GetValueOrDefault((type, member));

        public void Add(SyntaxNode root, CancellationToken cancellationToken)
        {
            Files++;
            var identifiers = new HashSet<string>(StringComparer.Ordinal);
            var accessed = new HashSet<string>(StringComparer.Ordinal);
            var qualified = new HashSet<(string, string)>();
            foreach (var node in root.DescendantNodes())
            {
                switch (node)
                {
                    case IdentifierNameSyntax or GenericNameSyntax:
                        identifiers.Add(((SimpleNameSyntax)node).Identifier.ValueText);
                        break;
                    case MemberAccessExpressionSyntax access:
                        accessed.Add(access.Name.Identifier.ValueText);
                        if (access.Expression is SimpleNameSyntax receiver)
                        {
                            qualified.Add((receiver.Identifier.ValueText, access.Name.Identifier.ValueText));
                        }

                        break;
                    case MemberBindingExpressionSyntax binding:
                        accessed.Add(binding.Name.Identifier.ValueText);
                        break;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            Count(_identifiers, identifiers);
            Count(_accessed, accessed);
            Count(_qualified, qualified);
        }

        private static void Count<TKey>(Dictionary<TKey, int> totals, HashSet<TKey> seen)
            where TKey : notnull
        {
            foreach (var key in seen)
            {
                totals[key] = totals.GetValueOrDefault(key) + 1;
            }
        }
    }
}

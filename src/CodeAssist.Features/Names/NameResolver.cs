using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FindSymbols;

namespace CodeAssist.Features.Names;

/// <summary>
/// Looks a (dotted) name up as the compiler would see it from the explained code: what is in scope there first, then
/// declarations anywhere in the solution, then types of the referenced assemblies; each further segment is a member
/// of what the previous one is (a type, a namespace, or the type of a local, field, property or method).
/// </summary>
internal sealed class NameResolver(Document document, SemanticModel? model, IReadOnlyList<int> positions)
{
    public async Task<CheckedName> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        var segments = name.Split('.');
        var symbol = await ResolveChainAsync(segments, cancellationToken).ConfigureAwait(false);
        if (symbol is null && segments.Length > 1)
        {
            // `warehouse.Ship` from prose whose receiver is a local of other code: the member alone must still exist.
            var members = await DeclarationsAsync(segments[^1], cancellationToken).ConfigureAwait(false);
            symbol = members.FirstOrDefault(member => member is not INamespaceOrTypeSymbol);
        }

        return symbol is null ? new CheckedName(name, false, null, null, null) : Describe(name, symbol);
    }

    private async Task<ISymbol?> ResolveChainAsync(string[] segments, CancellationToken cancellationToken)
    {
        var (current, used) = await FirstAsync(segments, cancellationToken).ConfigureAwait(false);
        for (var index = used; current is not null && index < segments.Length; index++)
        {
            current = Member(current, segments[index]);
        }

        return current;
    }

    /// <summary>The symbol of the leading segment (or of a leading namespace-qualified type name) and how many segments it used.</summary>
    private async Task<(ISymbol? Symbol, int Used)> FirstAsync(string[] segments, CancellationToken cancellationToken)
    {
        if (model is not null)
        {
            foreach (var position in positions)
            {
                if (Pick(model.LookupSymbols(position, name: segments[0], includeReducedExtensionMethods: true)) is { } inScope)
                {
                    return (inScope, 1);
                }
            }
        }

        if (Pick(await DeclarationsAsync(segments[0], cancellationToken).ConfigureAwait(false)) is { } declared)
        {
            return (declared, 1);
        }

        var compilation = model?.Compilation ?? await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            return (null, 0);
        }

        // A namespace-qualified type (System.Text.StringBuilder), longest prefix first.
        for (var length = segments.Length; length >= 2; length--)
        {
            if (compilation.GetTypeByMetadataName(string.Join('.', segments, 0, length)) is { } type)
            {
                return (type, length);
            }
        }

        if (compilation.GlobalNamespace.GetMembers(segments[0]).FirstOrDefault() is { } rootNamespace)
        {
            return (rootNamespace, 1);
        }

        // A library type the explained file does not import (StringBuilder without `using System.Text;`).
        var libraryTypes = await SymbolFinder.FindDeclarationsAsync(document.Project, segments[0], ignoreCase: false, SymbolFilter.Type, cancellationToken)
            .ConfigureAwait(false);
        return (Pick(libraryTypes), 1);
    }

    private async Task<IReadOnlyList<ISymbol>> DeclarationsAsync(string name, CancellationToken cancellationToken) =>
        [.. await SymbolFinder.FindSourceDeclarationsAsync(document.Project.Solution, name, ignoreCase: false, SymbolFilter.TypeAndMember, cancellationToken)
            .ConfigureAwait(false)];

    /// <summary>Types over members over the rest, so `StockLevel` is the class, not its constructor.</summary>
    private static ISymbol? Pick(IEnumerable<ISymbol> symbols) =>
        symbols.OrderBy(symbol => symbol switch { INamespaceOrTypeSymbol => 0, IMethodSymbol { MethodKind: MethodKind.Constructor } => 2, _ => 1 }).FirstOrDefault();

    private ISymbol? Member(ISymbol symbol, string name)
    {
        var container = symbol switch
        {
            INamespaceOrTypeSymbol namespaceOrType => namespaceOrType,
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            IEventSymbol @event => @event.Type,
            IMethodSymbol method => method.ReturnType,
            _ => null,
        };
        if (container is null)
        {
            return null;
        }

        if (container is ITypeSymbol type)
        {
            var members = new[] { type }.Concat(BaseTypes(type)).Concat(type.AllInterfaces).SelectMany(t => t.GetMembers(name));
            if (Pick(members) is { } member)
            {
                return member;
            }

            // Extension methods (LINQ's Where on a list) are found only through a lookup from the code.
            if (model is not null && positions.Count > 0)
            {
                return Pick(model.LookupSymbols(positions[0], type, name, includeReducedExtensionMethods: true));
            }

            return null;
        }

        return Pick(container.GetMembers(name));
    }

    private static IEnumerable<ITypeSymbol> BaseTypes(ITypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }

    private static CheckedName Describe(string name, ISymbol symbol)
    {
        var location = symbol.Locations.FirstOrDefault(l => l.IsInSource);
        if (location is not null)
        {
            var span = location.GetLineSpan();
            return new CheckedName(name, true, span.Path, span.StartLinePosition.Line + 1, null);
        }

        return new CheckedName(name, true, null, null, symbol.ContainingAssembly?.Name ?? (symbol as IAssemblySymbol)?.Name);
    }
}

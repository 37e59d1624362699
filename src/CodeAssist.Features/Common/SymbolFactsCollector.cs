using CodeAssist.Context;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace CodeAssist.Features.Common;

/// <summary>
/// Gathers <see cref="SymbolFacts"/> for declarations. Cross-solution searches (callers, overrides) are bounded in
/// count and wall time because they scale with the solution, and an explanation must stay interactive.
/// </summary>
/// <param name="exclusion">Files under content exclusion: no call, caller or override of theirs is named.</param>
internal sealed class SymbolFactsCollector(TimeProvider timeProvider, ContentExclusion? exclusion = null)
{
    public const int MaxCalls = 15;
    public const int MaxCallers = 10;
    public static readonly TimeSpan SearchBudget = TimeSpan.FromSeconds(5);

    public async Task<SymbolFacts?> CollectAsync(Document document, MemberDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var symbol = model is null ? null : DeclaredSymbol(model, declaration, cancellationToken);
        if (model is null || symbol is null)
        {
            return null;
        }

        var lines = declaration.GetLocation().GetLineSpan();
        var diagnostics = model.GetDiagnostics(declaration.Span, cancellationToken)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(DiagnosticFacts.ToFact)
            .ToList();

        using var budget = new CancellationTokenSource(SearchBudget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var (callers, complete) = await FindCallersAsync(symbol, document.Project.Solution, linked.Token).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var overrides = await FindRelatedAsync(symbol, document.Project.Solution, linked.Token).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        return new SymbolFacts(
            symbol.Name,
            KindName(symbol),
            SymbolFormats.Format(symbol),
            SymbolFormats.Documentation(symbol, cancellationToken),
            document.FilePath ?? document.Name,
            lines.StartLinePosition.Line + 1,
            lines.EndLinePosition.Line + 1,
            CyclomaticComplexity.Compute(declaration),
            Visible(CollectCalls(model, declaration, symbol, cancellationToken)),
            Visible(callers),
            complete,
            Visible(overrides),
            diagnostics);
    }

    private IReadOnlyList<SymbolReference> Visible(IReadOnlyList<SymbolReference> references) =>
        exclusion is null ? references : [.. references.Where(r => !exclusion.IsExcluded(r.FilePath))];

    private static ISymbol? DeclaredSymbol(SemanticModel model, MemberDeclarationSyntax declaration, CancellationToken cancellationToken) =>
        declaration switch
        {
            // A field declaration declares variables, not itself.
            BaseFieldDeclarationSyntax field when field.Declaration.Variables.Count > 0 =>
                model.GetDeclaredSymbol(field.Declaration.Variables[0], cancellationToken),
            _ => model.GetDeclaredSymbol(declaration, cancellationToken),
        };

    private static List<SymbolReference> CollectCalls(SemanticModel model, SyntaxNode declaration, ISymbol self, CancellationToken cancellationToken)
    {
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var calls = new List<SymbolReference>();
        foreach (var node in declaration.DescendantNodes())
        {
            if (calls.Count >= MaxCalls)
            {
                break;
            }

            if (node is not (InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or IdentifierNameSyntax))
            {
                continue;
            }

            var target = model.GetSymbolInfo(node, cancellationToken).Symbol;
            var relevant = target switch
            {
                IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } => false,
                IMethodSymbol => node is not IdentifierNameSyntax,
                IPropertySymbol => true,
                _ => false,
            };
            if (!relevant || target is null || SymbolEqualityComparer.Default.Equals(target, self))
            {
                continue;
            }

            var original = target.OriginalDefinition;
            if (seen.Add(original))
            {
                calls.Add(ToReference(original));
            }
        }

        return calls;
    }

    private static async Task<(IReadOnlyList<SymbolReference> Callers, SearchStop Stop)> FindCallersAsync(
        ISymbol symbol, Solution solution, CancellationToken cancellationToken)
    {
        var callers = new List<SymbolReference>();
        try
        {
            var found = await SymbolFinder.FindCallersAsync(symbol, solution, cancellationToken).ConfigureAwait(false);
            foreach (var caller in found)
            {
                foreach (var location in caller.Locations.Where(l => l.IsInSource))
                {
                    if (callers.Count >= MaxCallers)
                    {
                        return (callers, SearchStop.CountLimit);
                    }

                    var line = location.GetLineSpan();
                    callers.Add(new SymbolReference(CallerName(caller.CallingSymbol), line.Path, line.StartLinePosition.Line + 1));
                }
            }

            return (callers, SearchStop.Complete);
        }
        catch (OperationCanceledException)
        {
            // The budget ran out (a cancelled request is rethrown by the caller): what was found is not everything.
            return (callers, SearchStop.TimeLimit);
        }
    }

    private static string KindName(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } => "constructor",
        IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion } => "operator",
        IMethodSymbol { MethodKind: MethodKind.Destructor } => "finalizer",
        IMethodSymbol => "method",
        IPropertySymbol { IsIndexer: true } => "indexer",
        _ => symbol.Kind.ToString().ToLowerInvariant(),
    };

    private static string CallerName(ISymbol calling) =>
        calling is IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName }
            ? "top-level statements"
            : SymbolFormats.Format(calling);

    private static async Task<IReadOnlyList<SymbolReference>> FindRelatedAsync(ISymbol symbol, Solution solution, CancellationToken cancellationToken)
    {
        var related = new List<SymbolReference>();
        if (symbol is IMethodSymbol { OverriddenMethod: { } overridden })
        {
            related.Add(ToReference(overridden, "overrides "));
        }

        foreach (var implemented in ImplementedInterfaceMembers(symbol))
        {
            related.Add(ToReference(implemented, "implements "));
        }

        try
        {
            if (symbol.IsVirtual || symbol.IsAbstract || symbol.IsOverride)
            {
                foreach (var overriding in await SymbolFinder.FindOverridesAsync(symbol, solution, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    related.Add(ToReference(overriding, "overridden by "));
                }
            }

            if (symbol.ContainingType?.TypeKind == TypeKind.Interface)
            {
                foreach (var implementation in await SymbolFinder.FindImplementationsAsync(symbol, solution, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    related.Add(ToReference(implementation, "implemented by "));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Out of search budget: what was found so far still grounds the answer.
        }

        return related.Take(MaxCallers).ToList();
    }

    private static IEnumerable<ISymbol> ImplementedInterfaceMembers(ISymbol symbol) =>
        symbol.ContainingType is not { } type ? []
            : type.AllInterfaces.SelectMany(i => i.GetMembers())
                .Where(m => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(m), symbol));

    private static SymbolReference ToReference(ISymbol symbol, string prefix = "")
    {
        var location = symbol.Locations.FirstOrDefault(l => l.IsInSource);
        var line = location?.GetLineSpan();
        return new SymbolReference(prefix + SymbolFormats.Format(symbol), line?.Path, line is null ? null : line.Value.StartLinePosition.Line + 1);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// The names that plain identifiers may take at the caret, for <see cref="IdentifierSites"/>: everything in scope
/// (locals, parameters, members, types, namespaces) and every C# keyword, so that a statement or expression can
/// still start with one; the parameter names of a call's overloads (named arguments); whether a name before "&lt;"
/// is generic. Computed once per generation, on first use.
/// </summary>
internal sealed class ScopeSites
{
    // Roslyn has no keyword kind for `var`, `dynamic`, `nint` and `nuint` (they bind as names).
    private static readonly string[] Keywords = [.. SyntaxFacts.GetKeywordKinds().Concat(SyntaxFacts.GetContextualKeywordKinds())
        .Select(SyntaxFacts.GetText).Concat(["var", "dynamic", "nint", "nuint"])
        .Where(text => text.Length > 0 && char.IsLetter(text[0])).Distinct(StringComparer.Ordinal)];

    private readonly SemanticModel model;
    private readonly int position;
    private readonly Lazy<string[]> scope;

    public ScopeSites(SemanticModel model, int position)
    {
        this.model = model;
        this.position = position;
        scope = new Lazy<string[]>(() => [.. model.LookupSymbols(position).Where(symbol => symbol.CanBeReferencedByName)
            .Select(symbol => symbol.Name).Concat(Keywords).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Names in scope and keywords.</summary>
    public IReadOnlyList<string> Names => scope.Value;

    /// <summary>
    /// The parameter names of the methods <paramref name="callee"/> may call (constructors after <c>new</c>), or null
    /// where arguments are left free: an unknown callee, or an overload that takes a delegate (a lambda's parameters
    /// are new names).
    /// </summary>
    public string[]? ParameterNames(string callee)
    {
        try
        {
            var methods = Overloads(callee).ToArray();
            if (methods.Length == 0 || methods.Any(method => method.Parameters.Any(p => TakesLambda(p.Type))))
            {
                return null;
            }

            return [.. methods.SelectMany(method => method.Parameters).Select(p => p.Name).Where(name => name.Length > 0).Distinct(StringComparer.Ordinal)];
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="name"/> is a generic type or method in scope (so "&lt;" opens type arguments).</summary>
    public bool IsGeneric(string name) =>
        model.LookupSymbols(position, name: name).Any(symbol => symbol is INamedTypeSymbol { Arity: > 0 } or IMethodSymbol { IsGenericMethod: true });

    private IEnumerable<IMethodSymbol> Overloads(string callee)
    {
        if (callee.StartsWith("new ", StringComparison.Ordinal))
        {
            var typeSyntax = SyntaxFactory.ParseTypeName(callee[4..]);
            var created = model.GetSpeculativeTypeInfo(position, typeSyntax, SpeculativeBindingOption.BindAsTypeOrNamespace).Type as INamedTypeSymbol;
            return typeSyntax.ContainsDiagnostics || created is null ? [] : created.InstanceConstructors;
        }

        var expression = SyntaxFactory.ParseExpression(callee);
        if (expression.ContainsDiagnostics)
        {
            return [];
        }

        var (receiver, name) = expression switch
        {
            MemberAccessExpressionSyntax access => (access.Expression, access.Name.Identifier.ValueText),
            SimpleNameSyntax simple => ((ExpressionSyntax?)null, simple.Identifier.ValueText),
            _ => (null, ""),
        };
        if (name.Length == 0)
        {
            return [];
        }

        var symbols = receiver is null ? model.LookupSymbols(position, name: name) : MembersNamed(receiver, name);
        return symbols.SelectMany(symbol => symbol switch
        {
            IMethodSymbol method => [method],
            ILocalSymbol { Type: INamedTypeSymbol { DelegateInvokeMethod: { } invoke } } => [invoke],
            IParameterSymbol { Type: INamedTypeSymbol { DelegateInvokeMethod: { } invoke } } => [invoke],
            _ => Array.Empty<IMethodSymbol>(),
        });
    }

    private IEnumerable<ISymbol> MembersNamed(ExpressionSyntax receiver, string name)
    {
        var symbol = model.GetSpeculativeSymbolInfo(position, receiver, SpeculativeBindingOption.BindAsExpression).Symbol;
        if (symbol is INamedTypeSymbol type)
        {
            return model.LookupStaticMembers(position, type, name);
        }

        var valueType = model.GetSpeculativeTypeInfo(position, receiver, SpeculativeBindingOption.BindAsExpression).Type;
        return valueType is null || valueType.TypeKind == TypeKind.Error
            ? []
            : model.LookupSymbols(position, valueType, name, includeReducedExtensionMethods: true);
    }

    private static bool TakesLambda(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Delegate
        || (type is INamedTypeSymbol { Name: "Expression", Arity: 1 } expression && expression.ContainingNamespace.ToDisplayString() == "System.Linq.Expressions")
        || (type is IArrayTypeSymbol array && TakesLambda(array.ElementType));
}

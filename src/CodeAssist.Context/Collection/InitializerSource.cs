using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Context.Collection;

/// <summary>
/// Inside an object initializer ("new T { A = 1, | }" or "x with { | }") the next name is a member of T, as after
/// "x." but with no receiver to bind: the members that can still be assigned there, ranked like a receiver's.
/// </summary>
internal static class InitializerSource
{
    public static IEnumerable<ContextCandidate> Collect(CursorSite site, CancellationToken cancellationToken)
    {
        if (site.Receiver is not null || Initializer(site.LeftToken) is not { } initializer
            || InitializedType(site.Model, initializer, cancellationToken) is not { } type)
        {
            yield break;
        }

        var assigned = initializer.Expressions.OfType<AssignmentExpressionSyntax>()
            .Select(a => a.Left).OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        var members = site.Model.LookupSymbols(site.Position, type)
            .Where(m => !m.IsStatic && !assigned.Contains(m.Name) && IsAssignable(m));
        var compilation = site.Model.Compilation;
        double Rank(ISymbol member) =>
            (0.6 * Relevance.Lexical(member.Name, site.Words)) + (0.4 * Relevance.TypeMatch(member, site.ExpectedTypes, compilation));
        foreach (var candidate in MemberCandidates.For(type, members, ContextItemKind.ReceiverMember, ReceiverSource.BaseScore, Rank, summaries: 4))
        {
            yield return candidate;
        }
    }

    /// <summary>The object initializer whose member list the cursor is in, right after its "{" or a ",".</summary>
    private static InitializerExpressionSyntax? Initializer(SyntaxToken left) =>
        left.Kind() is SyntaxKind.OpenBraceToken or SyntaxKind.CommaToken
        && left.Parent is InitializerExpressionSyntax initializer
        && initializer.Kind() is SyntaxKind.ObjectInitializerExpression or SyntaxKind.WithInitializerExpression
            ? initializer
            : null;

    private static INamedTypeSymbol? InitializedType(SemanticModel model, InitializerExpressionSyntax initializer, CancellationToken cancellationToken) =>
        initializer.Parent switch
        {
            BaseObjectCreationExpressionSyntax creation => model.GetTypeInfo(creation, cancellationToken).Type as INamedTypeSymbol,
            WithExpressionSyntax with => model.GetTypeInfo(with.Expression, cancellationToken).Type as INamedTypeSymbol,
            _ => null,
        };

    /// <summary>Settable fields and properties, and read-only ones whose value takes a nested initializer.</summary>
    private static bool IsAssignable(ISymbol member) => member switch
    {
        IFieldSymbol field => !field.IsConst && (!field.IsReadOnly || !field.Type.IsValueType) && field.CanBeReferencedByName,
        IPropertySymbol property => !property.IsIndexer && (property.SetMethod is not null || !property.Type.IsValueType),
        IEventSymbol => true,
        _ => false,
    };
}

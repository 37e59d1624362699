using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Context.Collection;

/// <summary>
/// The receiver left of "x." and its accessible members: inherited and extension methods included, overrides and
/// overloads collapsed by name, ranked by the words near the cursor, the expected type and where they are declared.
/// </summary>
internal static class ReceiverSource
{
    public const double BaseScore = 0.85;

    public static IEnumerable<ContextCandidate> Collect(CursorSite site, CancellationToken cancellationToken)
    {
        if (site.Receiver is not { } receiver)
        {
            yield break;
        }

        var model = site.Model;
        var info = model.GetSymbolInfo(receiver, cancellationToken);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        ITypeSymbol? speculativeType = null;
        if (symbol is not (INamespaceSymbol or INamedTypeSymbol) && receiver.Parent is QualifiedNameSyntax)
        {
            // "writer.<hole>" followed by "JToken value = ..." on the next line parses as a declaration of type
            // writer.JToken; bind the left part as the expression it really is.
            var expression = SyntaxFactory.ParseExpression(receiver.ToString());
            info = model.GetSpeculativeSymbolInfo(receiver.SpanStart, expression, SpeculativeBindingOption.BindAsExpression);
            symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            speculativeType = model.GetSpeculativeTypeInfo(receiver.SpanStart, expression, SpeculativeBindingOption.BindAsExpression).Type;
        }
        var receiverText = receiver.ToString();
        if (receiverText.Length > 60)
        {
            receiverText = "..." + receiverText[^57..];
        }

        if (symbol is INamespaceSymbol ns)
        {
            yield return new ContextCandidate(ContextItemKind.Receiver, $"namespace {ns.ToDisplayString()}", 0.97, null);
            foreach (var candidate in NamespaceMembers(site, ns))
            {
                yield return candidate;
            }

            yield break;
        }

        IEnumerable<ISymbol> members;
        ITypeSymbol? type;
        if (symbol is INamedTypeSymbol staticType)
        {
            type = staticType;
            members = model.LookupStaticMembers(site.Position, staticType).Concat(staticType.GetTypeMembers());
        }
        else
        {
            type = speculativeType ?? model.GetTypeInfo(receiver, cancellationToken).Type;
            if (type is null or IErrorTypeSymbol)
            {
                yield break;
            }

            members = model.LookupSymbols(site.Position, type, includeReducedExtensionMethods: true).Where(m => !m.IsStatic || m is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
            if (IsColorColor(receiver, type))
            {
                // "DateTimeZoneHandling." where a property of that name and type is in scope: C# binds the member to
                // either, so the type's static members (an enum's values) are as likely as the property's instance ones.
                members = model.LookupStaticMembers(site.Position, type).Concat(members);
            }
        }

        yield return new ContextCandidate(ContextItemKind.Receiver, $"{receiverText}: {SymbolText.TypeName(type)}", 0.97, symbol is null ? null : SymbolText.Location(symbol));
        // A type parameter groups under its constraint ("where TBuilder : BuilderBase"), an array under Array.
        var named = type as INamedTypeSymbol
            ?? (type as ITypeParameterSymbol)?.ConstraintTypes.OfType<INamedTypeSymbol>().FirstOrDefault()
            ?? (type is IArrayTypeSymbol ? model.Compilation.GetSpecialType(SpecialType.System_Array) : model.Compilation.ObjectType);

        var compilation = model.Compilation;
        // On a framework type (Type, string, Expression) the project's own extension methods are what project code
        // calls; among a hundred framework members they would otherwise rank by name alone.
        var frameworkReceiver = !Relevance.IsInSource(named);
        double Rank(ISymbol member) =>
            (0.5 * Relevance.Lexical(member.Name, site.Words))
            + (SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, named.OriginalDefinition) ? 0.25 : 0)
            + (frameworkReceiver && Relevance.IsInSource(member) ? 0.3 : 0)
            + (0.25 * Relevance.TypeMatch(member, site.ExpectedTypes, compilation));
        foreach (var candidate in MemberCandidates.For(named, members, ContextItemKind.ReceiverMember, BaseScore, Rank, summaries: 6))
        {
            yield return candidate;
        }
    }

    /// <summary>A simple name whose value's type has that same name (the "Color Color" case of the C# spec).</summary>
    private static bool IsColorColor(ExpressionSyntax receiver, ITypeSymbol type) =>
        receiver is IdentifierNameSyntax name && type is INamedTypeSymbol && name.Identifier.ValueText == type.Name;

    private static IEnumerable<ContextCandidate> NamespaceMembers(CursorSite site, INamespaceSymbol ns)
    {
        var group = "namespace:" + ns.ToDisplayString();
        var header = $"namespace {ns.ToDisplayString()}";
        var members = ns.GetMembers()
            .Where(m => m is INamespaceSymbol || site.Model.IsAccessible(site.Position, m))
            .Select(m => (Member: m, Rank: Relevance.Lexical(m.Name, site.Words) + (Relevance.IsInSource(m) ? 0.5 : 0)))
            .OrderByDescending(m => m.Rank)
            .ToList();
        var index = 0;
        foreach (var (member, rank) in members)
        {
            var text = member is INamedTypeSymbol type ? SymbolText.TypeHead(type) + ";" : $"namespace {member.Name};";
            var score = BaseScore + (0.05 * rank) - (index++ * 0.0005);
            yield return new ContextCandidate(ContextItemKind.ReceiverMember, text, score, SymbolText.Location(member)) { Group = group, GroupHeader = header, Key = group + "." + member.Name };
            yield return new ContextCandidate(ContextItemKind.ReceiverMember, member.Name, score - 0.25, SymbolText.Location(member))
            {
                Group = group,
                GroupHeader = header,
                Key = group + "." + member.Name,
                IsNameOnly = true,
            };
        }
    }
}

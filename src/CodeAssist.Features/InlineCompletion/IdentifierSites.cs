using System.Collections.Concurrent;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// The valid names at identifier sites of one generation, for compiler-guided decoding: after <c>expr.</c> the
/// members of the receiver's type that are accessible at the caret (extension methods included, instance or static
/// as the receiver is a value or a type), after <c>new </c> the types in scope. The receiver may be one the model
/// wrote itself (<c>order.Items.</c>): it is bound speculatively at the caret. Receivers and the type list are cached
/// per text, so the decoding thread asks Roslyn once per receiver. Unknown receivers are no site (sampling stays free).
/// </summary>
internal sealed class IdentifierSites
{
    private const string NewSiteKey = "new ";
    private static readonly string[] PredefinedTypes =
        ["bool", "byte", "char", "decimal", "double", "float", "int", "long", "object", "sbyte", "short", "string", "uint", "ulong", "ushort"];

    private readonly SemanticModel model;
    private readonly int position;
    private readonly string linePrefix;
    private readonly ConcurrentDictionary<string, IdentifierSite?> sites = new(StringComparer.Ordinal);

    private IdentifierSites(SemanticModel model, int position, string linePrefix)
    {
        this.model = model;
        this.position = position;
        this.linePrefix = linePrefix;
    }

    /// <summary>The constraint for a generation at <paramref name="position"/> (the semantic model is awaited here, before the model runs).</summary>
    public static async Task<IdentifierConstraint?> CreateAsync(Document document, SourceText text, int position, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return null;
        }

        var line = text.Lines.GetLineFromPosition(position);
        var sites = new IdentifierSites(model, position, text.ToString(TextSpan.FromBounds(line.Start, position)));
        return new IdentifierConstraint(sites.SiteAfter);
    }

    /// <summary>The site that starts after the caret's line prefix followed by <paramref name="generated"/>.</summary>
    public IdentifierSite? SiteAfter(string generated)
    {
        var full = linePrefix + generated;
        var start = full.Length;
        while (start > 0 && IsIdentifierPart(full[start - 1]))
        {
            start--;
        }

        var typed = full[start..];
        if (typed.Length > 0 && char.IsAsciiDigit(typed[0]))
        {
            return null;
        }

        var before = full[..start];
        IdentifierSite? site = null;
        if (before.EndsWith('.'))
        {
            var receiver = Receiver(before[..^1]);
            site = receiver.Length == 0 ? null : sites.GetOrAdd(receiver, MemberSite);
        }
        else if (IsAfterNew(before))
        {
            site = sites.GetOrAdd(NewSiteKey, _ => TypeSite());
        }

        return site is null || typed.Length == 0 ? site : site with { Typed = typed };
    }

    private IdentifierSite? MemberSite(string receiver)
    {
        var expression = SyntaxFactory.ParseExpression(receiver);
        if (expression.ContainsDiagnostics || expression is LiteralExpressionSyntax)
        {
            return null;
        }

        try
        {
            var symbol = model.GetSpeculativeSymbolInfo(position, expression, SpeculativeBindingOption.BindAsExpression).Symbol;
            if (symbol is INamespaceSymbol space)
            {
                return Site("namespace " + space.ToDisplayString(), model.LookupNamespacesAndTypes(position, space));
            }

            if (symbol is INamedTypeSymbol type)
            {
                return Site("static " + type.ToDisplayString(), model.LookupStaticMembers(position, type));
            }

            var valueType = model.GetSpeculativeTypeInfo(position, expression, SpeculativeBindingOption.BindAsExpression).Type;
            if (valueType is null || valueType.TypeKind == TypeKind.Error)
            {
                return null;
            }

            var members = model.LookupSymbols(position, valueType, includeReducedExtensionMethods: true)
                .Where(member => (!member.IsStatic && member is not INamedTypeSymbol) || member is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
            return Site(valueType.ToDisplayString(), members);
        }
        catch (ArgumentException)
        {
            // A position the speculative binder refuses (outside any member): no site.
            return null;
        }
    }

    private IdentifierSite? TypeSite()
    {
        var types = model.LookupNamespacesAndTypes(position)
            .Where(symbol => symbol is INamespaceSymbol || symbol is INamedTypeSymbol { IsStatic: false });
        var site = Site(NewSiteKey, types);
        return site is null ? null : site with { Names = [.. site.Names.Concat(PredefinedTypes).Distinct(StringComparer.Ordinal)], Required = false };
    }

    private static IdentifierSite? Site(string key, IEnumerable<ISymbol> symbols)
    {
        var names = symbols.Where(symbol => symbol.CanBeReferencedByName)
            .Select(symbol => symbol.Name)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return names.Length == 0 ? null : new IdentifierSite(key, names);
    }

    /// <summary>
    /// The member-access receiver that ends <paramref name="text"/>: identifiers, dots, and balanced (), [] and &lt;&gt;
    /// groups, back to the first character that cannot be part of it; a trailing "?" of "?." is dropped.
    /// </summary>
    internal static string Receiver(string text)
    {
        var end = text.EndsWith('?') ? text.Length - 1 : text.Length;
        var start = end;
        var depth = 0;
        while (start > 0)
        {
            var c = text[start - 1];
            if (c is ')' or ']' or '>')
            {
                depth++;
            }
            else if (c is '(' or '[' or '<')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (depth == 0 && !IsIdentifierPart(c) && c != '.')
            {
                break;
            }

            start--;
        }

        if (depth != 0)
        {
            return "";
        }

        // "new List<int>()." is an object creation, not a call of the type's name.
        if (IsAfterNew(text[..start]))
        {
            start = text[..start].TrimEnd().Length - 3;
        }

        return text[start..end].Trim();
    }

    private static bool IsAfterNew(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length < text.Length
            && trimmed.EndsWith("new", StringComparison.Ordinal)
            && (trimmed.Length == 3 || !IsIdentifierPart(trimmed[^4]));
    }

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);
}

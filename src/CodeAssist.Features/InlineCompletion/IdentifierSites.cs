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
/// as the receiver is a value or a type), after <c>new </c> and in generic argument lists the types in scope, and at
/// plain identifiers in expression position (<see cref="SiteText.Classify"/>) the names in scope, every keyword, the
/// names the generated text itself wrote (new locals, lambda parameters) and, in a call's arguments, the parameter
/// names of its overloads (named arguments). The receiver may be one the model wrote itself
/// (<c>order.Items.</c>): it is bound speculatively at the caret. Sites are cached per key, so the decoding thread
/// asks Roslyn once per receiver or callee. Unknown receivers are no site (sampling stays free).
/// </summary>
internal sealed class IdentifierSites
{
    private const string NewSiteKey = "new ";
    private static readonly string[] PredefinedTypes =
        ["bool", "byte", "char", "decimal", "double", "float", "int", "long", "object", "sbyte", "short", "string", "uint", "ulong", "ushort"];

    private readonly SemanticModel model;
    private readonly int position;
    private readonly string linePrefix;
    private readonly ScopeSites scope;
    private readonly ConcurrentDictionary<string, IdentifierSite?> sites = new(StringComparer.Ordinal);

    private IdentifierSites(SemanticModel model, int position, string linePrefix)
    {
        this.model = model;
        this.position = position;
        this.linePrefix = linePrefix;
        scope = new ScopeSites(model, position);
    }

    /// <summary>The constraint for a generation at <paramref name="position"/> (the semantic model is awaited here, before the model runs).</summary>
    public static async Task<IdentifierConstraint?> CreateAsync(Document document, SourceText text, int position, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return null;
        }

        // The caret's line; on a blank line also the one before, whose end tells whether a statement starts here.
        var line = text.Lines.GetLineFromPosition(position);
        var start = line.Start;
        if (string.IsNullOrWhiteSpace(text.ToString(TextSpan.FromBounds(start, position))) && line.LineNumber > 0)
        {
            start = text.Lines[line.LineNumber - 1].Start;
        }

        var sites = new IdentifierSites(model, position, text.ToString(TextSpan.FromBounds(start, position)));
        return new IdentifierConstraint(sites.SiteAfter);
    }

    /// <summary>The site that starts after the caret's line prefix followed by <paramref name="generated"/>.</summary>
    public IdentifierSite? SiteAfter(string generated)
    {
        if (SiteText.Mask(linePrefix + generated) is not { } full)
        {
            return null;
        }

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
        else
        {
            site = ClassifiedSite(before, full[..start]);
        }

        return site is null || typed.Length == 0 ? site : site with { Typed = typed };
    }

    private IdentifierSite? ClassifiedSite(string before, string written)
    {
        var (kind, head) = SiteText.Classify(before);
        if (kind == SiteKind.GenericArgument)
        {
            return sites.GetOrAdd("<" + head, _ => scope.IsGeneric(head) ? TypeSite() : null);
        }

        if (kind == SiteKind.None)
        {
            return null;
        }

        var parameters = kind == SiteKind.Argument ? sites.GetOrAdd("(" + head, _ => scope.ParameterNames(head) is { } names ? new IdentifierSite(head, names) : null) : null;
        if (kind == SiteKind.Argument && parameters is null)
        {
            return null;
        }

        // Names the generated text introduced are valid too. They change as it grows, so they are kept apart from the
        // names in scope, whose site (and the model's filter of it) stays the same for the whole generation.
        var key = "scope|" + head;
        var site = sites.GetOrAdd(key, _ => new IdentifierSite(key, [.. scope.Names.Concat(parameters?.Names ?? []).Distinct(StringComparer.Ordinal)]) { Required = false });
        var introduced = GeneratedNames(written);
        return site is null || introduced.Length == 0 ? site : site with { Introduced = introduced };
    }

    /// <summary>The identifiers written after the caret (sorted, distinct): locals and lambda parameters the model declared.</summary>
    private string[] GeneratedNames(string written)
    {
        var generated = written.Length > linePrefix.Length ? written[linePrefix.Length..] : "";
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < generated.Length; i++)
        {
            if (!IsIdentifierPart(generated[i]) || (i > 0 && IsIdentifierPart(generated[i - 1])) || char.IsAsciiDigit(generated[i]))
            {
                continue;
            }

            var end = i;
            while (end < generated.Length && IsIdentifierPart(generated[end]))
            {
                end++;
            }

            // Literal contents are masked as '_': not a name.
            if (generated.AsSpan(i, end - i).ContainsAnyExcept('_'))
            {
                names.Add(generated[i..end]);
            }
        }

        return [.. names];
    }

    private IdentifierSite? MemberSite(string receiver)
    {
        var expression = SyntaxFactory.ParseExpression(receiver);
        if (expression.ContainsDiagnostics || expression is LiteralExpressionSyntax)
        {
            return null;
        }

        // A chain whose start has no members (an unknown name, a member that does not exist) has none either: a model
        // that repeats ".Name" would otherwise have each longer chain bound again, at every token.
        if (expression is MemberAccessExpressionSyntax { Expression: var start }
            && start is not LiteralExpressionSyntax
            && sites.GetOrAdd(start.ToString(), MemberSite) is null)
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

using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.Refactor;

/// <summary>The signatures a document exposes outside its assembly (public and protected members of visible types).</summary>
internal static class PublicApi
{
    public static async Task<IReadOnlySet<string>> SignaturesAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var signatures = new HashSet<string>(StringComparer.Ordinal);
        if (model is null || root is null)
        {
            return signatures;
        }

        foreach (var node in root.DescendantNodes())
        {
            if (model.GetDeclaredSymbol(node, cancellationToken) is { } symbol
                && symbol.Kind is SymbolKind.NamedType or SymbolKind.Method or SymbolKind.Property or SymbolKind.Field or SymbolKind.Event
                && IsVisibleOutside(symbol))
            {
                signatures.Add(symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
            }
        }

        return signatures;
    }

    private static bool IsVisibleOutside(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }
}

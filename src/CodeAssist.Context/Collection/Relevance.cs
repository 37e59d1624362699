using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Collection;

/// <summary>Cheap relevance signals shared by the context sources; each returns a value in [0, 1].</summary>
internal static class Relevance
{
    /// <summary>How many of the name's words occur near the cursor, weighted by how near.</summary>
    public static double Lexical(string name, IReadOnlyDictionary<string, double> words)
    {
        double matched = 0;
        var count = 0;
        foreach (var word in IdentifierWords.Split(name))
        {
            count++;
            matched += words.GetValueOrDefault(word);
        }

        return count == 0 ? 0 : matched / count;
    }

    /// <summary>1 when the member's value converts to one of the expected types.</summary>
    public static double TypeMatch(ISymbol member, IReadOnlyList<ITypeSymbol> expected, Compilation compilation)
    {
        if (expected.Count == 0)
        {
            return 0;
        }

        var type = member switch
        {
            IPropertySymbol p => p.Type,
            IFieldSymbol f => f.Type,
            IMethodSymbol m => m.ReturnType,
            INamedTypeSymbol t => t,
            _ => null,
        };
        if (type is null)
        {
            return 0;
        }

        foreach (var target in expected)
        {
            if (SymbolEqualityComparer.Default.Equals(type, target))
            {
                return 1;
            }

            var conversion = compilation.ClassifyCommonConversion(type, target);
            if (conversion.IsImplicit && !conversion.IsUserDefined && type.SpecialType != SpecialType.System_Object)
            {
                return 0.8;
            }
        }

        return 0;
    }

    public static bool IsInFile(ISymbol symbol, SyntaxTree tree) => symbol.Locations.Any(l => l.SourceTree == tree);

    public static bool IsOnlyInFile(ISymbol symbol, SyntaxTree tree) => symbol.Locations.All(l => l.SourceTree == tree);

    public static bool IsInSource(ISymbol symbol) => symbol.Locations.Any(l => l.IsInSource);
}

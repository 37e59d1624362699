using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Context.Collection;

/// <summary>What the compiler knows at the cursor; computed once per request and shared by every context source.</summary>
internal sealed record CursorSite(
    Document Document,
    SemanticModel Model,
    SyntaxNode Root,
    int Position,
    SyntaxToken LeftToken,
    MemberDeclarationSyntax? MemberNode,
    ISymbol? Member,
    INamedTypeSymbol? Type,
    string? Namespace)
{
    /// <summary>The expression left of a '.' or '?.' right before the cursor.</summary>
    public ExpressionSyntax? Receiver { get; init; }

    public IReadOnlyList<ITypeSymbol> ExpectedTypes { get; init; } = [];

    /// <summary>What kind of name the syntax calls for when there is no receiver.</summary>
    public TypeSlot Slot { get; init; }

    /// <summary>True where a type name is likely next: a base list, after new, typeof(, an attribute, a declaration.</summary>
    public bool ExpectsType => Receiver is null && Slot is TypeSlot.TypeName or TypeSlot.New or TypeSlot.ThrowNew or TypeSlot.BaseList or TypeSlot.Attribute;

    /// <summary>Words of the identifiers around the cursor, weighted by closeness, for lexical ranking.</summary>
    public IReadOnlyDictionary<string, double> Words { get; init; } = new Dictionary<string, double>();

    public string FilePath => Document.FilePath ?? Document.Name;
}

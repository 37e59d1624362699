using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Context.Collection;

/// <summary>Finds the enclosing declarations, the receiver, the expected type and the nearby words at a position.</summary>
internal static class CursorAnalyzer
{
    private const int WordLinesBefore = 12;

    public static async Task<CursorSite?> AnalyzeAsync(Document document, int position, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken);
        var model = await document.GetSemanticModelAsync(cancellationToken);
        if (root is null || model is null)
        {
            return null;
        }

        position = Math.Clamp(position, 0, root.FullSpan.End);
        var left = SyntaxTokens.LeftOf(root, position);
        var node = left.Parent ?? root;
        var memberNode = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>()
            .FirstOrDefault(m => m is not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax);
        var typeNode = node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault();
        var member = memberNode is null ? null : DeclaredSymbol(model, memberNode, cancellationToken);
        var type = typeNode is null ? null : model.GetDeclaredSymbol(typeNode, cancellationToken);
        var namespaceNode = node.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()
            ?? root.DescendantNodes(n => n is CompilationUnitSyntax).OfType<FileScopedNamespaceDeclarationSyntax>().FirstOrDefault();

        var receiver = FindReceiver(left);
        // After "new" (or "throw new") the expected type is that of the whole creation expression.
        var expressionStart = receiver?.SpanStart ?? (left.IsKind(SyntaxKind.NewKeyword) ? left.SpanStart : position);
        var text = await document.GetTextAsync(cancellationToken);
        return new CursorSite(document, model, root, position, left, memberNode, member, type, namespaceNode?.Name.ToString())
        {
            Receiver = receiver,
            ExpectedTypes = ExpectedTypeFinder.Find(model, root, expressionStart, cancellationToken),
            Slot = SlotAt(left, text, position),
            Words = WordsBefore(text, position, type, member),
        };
    }

    private static ISymbol? DeclaredSymbol(SemanticModel model, MemberDeclarationSyntax member, CancellationToken cancellationToken) => member switch
    {
        BaseFieldDeclarationSyntax field => field.Declaration.Variables.FirstOrDefault() is { } v ? model.GetDeclaredSymbol(v, cancellationToken) : null,
        _ => model.GetDeclaredSymbol(member, cancellationToken),
    };

    private static ExpressionSyntax? FindReceiver(SyntaxToken left)
    {
        if (!left.IsKind(SyntaxKind.DotToken))
        {
            return null;
        }

        return left.Parent switch
        {
            MemberAccessExpressionSyntax access when access.OperatorToken == left => access.Expression,
            QualifiedNameSyntax qualified when qualified.DotToken == left => qualified.Left,
            MemberBindingExpressionSyntax binding => binding.Ancestors().OfType<ConditionalAccessExpressionSyntax>().FirstOrDefault()?.Expression,
            _ => null,
        };
    }

    private static TypeSlot SlotAt(SyntaxToken left, SourceText text, int position)
    {
        switch (left.Kind())
        {
            case SyntaxKind.NewKeyword:
                return left.GetPreviousToken().IsKind(SyntaxKind.ThrowKeyword) ? TypeSlot.ThrowNew : TypeSlot.New;
            case SyntaxKind.ThrowKeyword:
                return TypeSlot.Throw;
            case SyntaxKind.OpenBracketToken when left.Parent is AttributeListSyntax:
                return TypeSlot.Attribute;
        }

        if (left.Parent is BaseListSyntax or SimpleBaseTypeSyntax)
        {
            return TypeSlot.BaseList;
        }

        var typeName =
            left.Kind() is SyntaxKind.IsKeyword or SyntaxKind.AsKeyword
            || (left.IsKind(SyntaxKind.OpenParenToken) && left.Parent is TypeOfExpressionSyntax or CastExpressionSyntax or ParameterListSyntax or DefaultExpressionSyntax)
            || (left.Kind() is SyntaxKind.LessThanToken or SyntaxKind.CommaToken && left.Parent is TypeArgumentListSyntax)
            || (left.IsKind(SyntaxKind.CommaToken) && left.Parent is ParameterListSyntax)
            || SyntaxFacts.IsAccessibilityModifier(left.Kind())
            || left.Kind() is SyntaxKind.StaticKeyword or SyntaxKind.ReadOnlyKeyword or SyntaxKind.OverrideKeyword or SyntaxKind.VirtualKeyword
                or SyntaxKind.AbstractKeyword or SyntaxKind.SealedKeyword or SyntaxKind.ConstKeyword;
        if (typeName)
        {
            return TypeSlot.TypeName;
        }

        var line = text.Lines.GetLineFromPosition(position);
        var prefix = text.ToString(TextSpan.FromBounds(line.Start, position));
        if (!string.IsNullOrWhiteSpace(prefix))
        {
            return TypeSlot.Expression;
        }

        // A line start outside any body begins a member declaration: its type comes first.
        var inBody = left.Parent?.AncestorsAndSelf().Any(a => a is BlockSyntax or ArrowExpressionClauseSyntax or AccessorListSyntax or EqualsValueClauseSyntax) == true;
        return inBody ? TypeSlot.StatementStart : TypeSlot.TypeName;
    }

    private static Dictionary<string, double> WordsBefore(SourceText text, int position, INamedTypeSymbol? type, ISymbol? member)
    {
        var words = new Dictionary<string, double>(StringComparer.Ordinal);
        var line = text.Lines.GetLineFromPosition(position).LineNumber;
        for (var i = Math.Max(0, line - WordLinesBefore); i <= line; i++)
        {
            var span = text.Lines[i].Span;
            if (i == line)
            {
                span = TextSpan.FromBounds(span.Start, position);
            }

            // The current line counts most: the words right before the hole predict the next one best.
            var weight = 1.0 / (1 + ((line - i) * 0.25));
            foreach (var identifier in IdentifierWords.Identifiers(text.ToString(span)))
            {
                Add(words, identifier, weight);
            }
        }

        if (type is not null)
        {
            Add(words, type.Name, 0.8);
            foreach (var baseType in type.Interfaces.Append(type.BaseType).OfType<INamedTypeSymbol>())
            {
                Add(words, baseType.Name, 0.5);
            }
        }

        if (member is not null)
        {
            Add(words, member.Name, 0.8);
        }

        return words;
    }

    private static void Add(Dictionary<string, double> words, string identifier, double weight)
    {
        foreach (var word in IdentifierWords.Split(identifier))
        {
            if (word.Length > 1)
            {
                words[word] = Math.Max(weight, words.GetValueOrDefault(word));
            }
        }
    }
}

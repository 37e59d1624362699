using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Context.Collection;

/// <summary>
/// The type an expression starting at a position should have: an assignment or initializer target, a parameter at
/// that argument position (across every overload), the enclosing return type, a condition, the other side of ==.
/// </summary>
internal static class ExpectedTypeFinder
{
    public static IReadOnlyList<ITypeSymbol> Find(SemanticModel model, SyntaxNode root, int expressionStart, CancellationToken cancellationToken)
    {
        var token = SyntaxTokens.LeftOf(root, expressionStart);
        var types = new List<ITypeSymbol>();
        switch (token.Parent)
        {
            case AssignmentExpressionSyntax assignment when token == assignment.OperatorToken:
                types.Add(model.GetTypeInfo(assignment.Left, cancellationToken).Type!);
                break;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                if (model.GetDeclaredSymbol(declarator, cancellationToken) is { } declared)
                {
                    types.Add(declared switch { ILocalSymbol l => l.Type, IFieldSymbol f => f.Type, _ => null! });
                }

                break;
            case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                types.Add(model.GetTypeInfo(property.Type, cancellationToken).Type!);
                break;
            case EqualsValueClauseSyntax { Parent: ParameterSyntax { Type: { } parameterType } }:
                types.Add(model.GetTypeInfo(parameterType, cancellationToken).Type!);
                break;
            case ReturnStatementSyntax or ArrowExpressionClauseSyntax:
                types.Add(ReturnType(model, token.Parent, cancellationToken)!);
                break;
            case ArgumentListSyntax arguments when token.Kind() is SyntaxKind.OpenParenToken or SyntaxKind.CommaToken:
                types.AddRange(ParameterTypes(model, arguments, token, cancellationToken));
                break;
            case IfStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ConditionalExpressionSyntax { QuestionToken.IsMissing: true }:
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression }:
                types.Add(model.Compilation.GetSpecialType(SpecialType.System_Boolean));
                break;
            case BinaryExpressionSyntax binary when binary.OperatorToken == token:
                types.Add(binary.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression
                    ? model.Compilation.GetSpecialType(SpecialType.System_Boolean)
                    : model.GetTypeInfo(binary.Left, cancellationToken).Type!);
                break;
            case InitializerExpressionSyntax initializer when token.Kind() is SyntaxKind.OpenBraceToken or SyntaxKind.CommaToken:
                types.Add(ElementType(model, initializer, cancellationToken)!);
                break;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression or (int)SyntaxKind.AsExpression } typeTest when typeTest.OperatorToken == token:
                // "x is |": a type derived from x's type.
                types.Add(model.GetTypeInfo(typeTest.Left, cancellationToken).Type!);
                break;
            case IsPatternExpressionSyntax pattern when pattern.IsKeyword == token:
                types.Add(model.GetTypeInfo(pattern.Expression, cancellationToken).Type!);
                break;
            case CaseSwitchLabelSyntax { Parent.Parent: SwitchStatementSyntax switchStatement }:
                types.Add(model.GetTypeInfo(switchStatement.Expression, cancellationToken).Type!);
                break;
        }

        return types
            .Where(t => t is not null and not IErrorTypeSymbol && t.SpecialType != SpecialType.System_Object)
            .Distinct<ITypeSymbol>(SymbolEqualityComparer.Default)
            .ToList();
    }

    /// <summary>The element type of the array or collection an initializer fills ("new List&lt;T&gt; { | }").</summary>
    private static ITypeSymbol? ElementType(SemanticModel model, InitializerExpressionSyntax initializer, CancellationToken cancellationToken)
    {
        var collection = initializer.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => (model.GetDeclaredSymbol(declarator, cancellationToken) as ILocalSymbol)?.Type
                ?? (model.GetDeclaredSymbol(declarator, cancellationToken) as IFieldSymbol)?.Type,
            ExpressionSyntax creation => model.GetTypeInfo(creation, cancellationToken).Type,
            _ => null,
        };
        return collection switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol named => named.AllInterfaces.FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0],
            _ => null,
        };
    }

    private static ITypeSymbol? ReturnType(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var function = node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax
            or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax);
        if (function is null || function is AnonymousFunctionExpressionSyntax)
        {
            return null;
        }

        var symbol = model.GetDeclaredSymbol(function, cancellationToken);
        var type = symbol switch
        {
            IMethodSymbol method => method.ReturnType,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        // An async method returns T from a Task<T> or ValueTask<T>.
        if (symbol is IMethodSymbol { IsAsync: true } && type is INamedTypeSymbol { IsGenericType: true } generic && generic.Name is "Task" or "ValueTask")
        {
            return generic.TypeArguments[0];
        }

        return type;
    }

    private static IEnumerable<ITypeSymbol> ParameterTypes(SemanticModel model, ArgumentListSyntax arguments, SyntaxToken token, CancellationToken cancellationToken)
    {
        var index = arguments.Arguments.GetSeparators().TakeWhile(s => s.SpanStart < token.SpanStart).Count() + (token.IsKind(SyntaxKind.CommaToken) ? 1 : 0);
        if (token.IsKind(SyntaxKind.OpenParenToken))
        {
            index = 0;
        }

        var invoked = arguments.Parent switch
        {
            InvocationExpressionSyntax invocation => model.GetSymbolInfo(invocation, cancellationToken),
            BaseObjectCreationExpressionSyntax creation => model.GetSymbolInfo(creation, cancellationToken),
            ConstructorInitializerSyntax initializer => model.GetSymbolInfo(initializer, cancellationToken),
            _ => default,
        };
        var methods = invoked.Symbol is IMethodSymbol single ? [single] : invoked.CandidateSymbols.OfType<IMethodSymbol>();
        if (invoked.Symbol is null && !invoked.CandidateSymbols.Any() && arguments.Parent is InvocationExpressionSyntax { Expression: var callee })
        {
            methods = model.GetMemberGroup(callee, cancellationToken).OfType<IMethodSymbol>();
        }

        if (!methods.Any() && arguments.Parent is ImplicitObjectCreationExpressionSyntax implicitCreation
            && model.GetTypeInfo(implicitCreation, cancellationToken).Type is INamedTypeSymbol targetType)
        {
            // "Report(new(" with incomplete arguments binds no constructor; the target type still has them.
            methods = targetType.InstanceConstructors;
        }

        foreach (var method in methods)
        {
            if (index < method.Parameters.Length)
            {
                yield return method.Parameters[index].Type;
            }
            else if (method.Parameters.LastOrDefault() is { IsParams: true, Type: IArrayTypeSymbol array })
            {
                yield return array.ElementType;
            }
        }
    }
}

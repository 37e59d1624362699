using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Context.Collection;

/// <summary>
/// Locals and parameters visible at the cursor, from a walk up the syntax tree: cheaper than LookupSymbols, which
/// binds every name in scope. Only "var" declarations ask the semantic model for their type.
/// </summary>
internal static class ScopeSource
{
    private const int MaxItems = 24;

    public static IEnumerable<ContextCandidate> Collect(CursorSite site, CancellationToken cancellationToken)
    {
        var found = new List<(ContextItemKind Kind, string Type, SyntaxToken Name)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in (site.LeftToken.Parent ?? site.Root).AncestorsAndSelf())
        {
            switch (node)
            {
                case BlockSyntax block:
                    foreach (var statement in block.Statements.TakeWhile(s => s.Span.End <= site.Position).Reverse())
                    {
                        if (statement is LocalDeclarationStatementSyntax local)
                        {
                            AddVariables(found, local.Declaration);
                        }
                    }

                    break;
                case ForEachStatementSyntax forEach when forEach.Statement.Span.Contains(site.Position):
                    found.Add((ContextItemKind.Local, forEach.Type.ToString(), forEach.Identifier));
                    break;
                case ForStatementSyntax { Declaration: { } declaration }:
                    AddVariables(found, declaration);
                    break;
                case UsingStatementSyntax { Declaration: { } declaration }:
                    AddVariables(found, declaration);
                    break;
                case CatchClauseSyntax { Declaration: { Identifier.ValueText.Length: > 0 } catchDeclaration }:
                    found.Add((ContextItemKind.Local, catchDeclaration.Type.ToString(), catchDeclaration.Identifier));
                    break;
                case ParenthesizedLambdaExpressionSyntax lambda:
                    AddParameters(found, lambda.ParameterList);
                    break;
                case SimpleLambdaExpressionSyntax simple:
                    found.Add((ContextItemKind.Parameter, simple.Parameter.Type?.ToString() ?? "var", simple.Parameter.Identifier));
                    break;
                case LocalFunctionStatementSyntax function:
                    AddParameters(found, function.ParameterList);
                    break;
                case BaseMethodDeclarationSyntax method:
                    AddParameters(found, method.ParameterList);
                    break;
                case IndexerDeclarationSyntax indexer:
                    AddParameters(found, indexer.ParameterList);
                    break;
                case TypeDeclarationSyntax { ParameterList: { } primary }:
                    AddParameters(found, primary);
                    break;
            }
        }

        // Pattern and out variables declared earlier in the member (`is Foo foo`, `out var x`).
        if (site.MemberNode is { } member)
        {
            foreach (var designation in member.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Where(d => d.Span.End <= site.Position))
            {
                found.Add((ContextItemKind.Local, "var", designation.Identifier));
            }
        }

        var index = 0;
        foreach (var (kind, type, name) in found)
        {
            if (index >= MaxItems || !seen.Add(name.ValueText))
            {
                continue;
            }

            var typeText = type == "var" ? ResolveVar(site.Model, name, cancellationToken) ?? "var" : type;
            yield return new ContextCandidate(kind, $"{typeText} {name.ValueText}", 0.8 - (index * 0.002), SymbolText.Location(name.GetLocation()))
            {
                Group = "scope",
                Key = "scope:" + name.ValueText,
            };
            index++;
        }
    }

    private static void AddVariables(List<(ContextItemKind, string, SyntaxToken)> found, VariableDeclarationSyntax declaration)
    {
        foreach (var variable in declaration.Variables)
        {
            found.Add((ContextItemKind.Local, declaration.Type.ToString(), variable.Identifier));
        }
    }

    private static void AddParameters(List<(ContextItemKind, string, SyntaxToken)> found, BaseParameterListSyntax parameters)
    {
        foreach (var parameter in parameters.Parameters)
        {
            found.Add((ContextItemKind.Parameter, parameter.Type?.ToString() ?? "var", parameter.Identifier));
        }
    }

    private static string? ResolveVar(SemanticModel model, SyntaxToken name, CancellationToken cancellationToken)
    {
        var node = name.Parent;
        var symbol = node is null ? null : model.GetDeclaredSymbol(node, cancellationToken);
        return symbol switch
        {
            ILocalSymbol local => SymbolText.TypeName(local.Type),
            IParameterSymbol parameter => SymbolText.TypeName(parameter.Type),
            _ => null,
        };
    }
}

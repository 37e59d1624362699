using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Features.Common;

/// <summary>McCabe complexity from syntax: one plus every branch point (conditions, loops, cases, catches, short-circuits).</summary>
internal static class CyclomaticComplexity
{
    public static int Compute(SyntaxNode node)
    {
        var complexity = 1;
        foreach (var descendant in node.DescendantNodesAndTokens())
        {
            complexity += descendant.Kind() switch
            {
                SyntaxKind.IfStatement or SyntaxKind.WhileStatement or SyntaxKind.ForStatement
                    or SyntaxKind.ForEachStatement or SyntaxKind.ForEachVariableStatement or SyntaxKind.DoStatement
                    or SyntaxKind.CaseSwitchLabel or SyntaxKind.CasePatternSwitchLabel or SyntaxKind.SwitchExpressionArm
                    or SyntaxKind.CatchClause or SyntaxKind.ConditionalExpression or SyntaxKind.CoalesceExpression
                    or SyntaxKind.CoalesceAssignmentExpression or SyntaxKind.ConditionalAccessExpression
                    or SyntaxKind.AmpersandAmpersandToken or SyntaxKind.BarBarToken => 1,
                _ => 0,
            };
        }

        // A discard arm is the default path, not a branch of its own.
        complexity -= node.DescendantNodes().OfType<SwitchExpressionArmSyntax>().Count(a => a.Pattern is DiscardPatternSyntax);
        return complexity;
    }
}

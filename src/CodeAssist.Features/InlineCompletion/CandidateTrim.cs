using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// The part of a rejected candidate before its first error, cut where a reader would stop: after a name, a literal,
/// a closing bracket or a semicolon, never after an operator, a dot or inside a bracket it opened. A model that writes
/// <c>total + Tax(order);</c> where no <c>Tax</c> exists still offers <c>total</c>; one whose first token is wrong
/// offers nothing. The verifier checks the cut text again before it is shown.
/// </summary>
internal static class CandidateTrim
{
    // Shorter starts are not worth a suggestion: one character is what the user is about to type anyway.
    private const int MinLength = 2;

    /// <summary>The candidate's start before the earliest rejecting error, or null when nothing worth showing is left.</summary>
    public static string? BeforeFirstError(string candidate, int position, IReadOnlyList<Diagnostic> rejecting, CancellationToken cancellationToken)
    {
        if (rejecting.Count == 0)
        {
            return null;
        }

        var cut = Math.Min(candidate.Length, rejecting.Min(d => ErrorStart(d, cancellationToken)) - position);
        if (cut <= 0)
        {
            return null;
        }

        // An error that starts inside a word leaves half a name before the cut: that token is not kept.
        var splitsAWord = cut < candidate.Length && IsWordCharacter(candidate[cut - 1]) && IsWordCharacter(candidate[cut]);
        var end = 0;
        var named = false;
        var depth = 0;
        foreach (var token in SyntaxFactory.ParseTokens(candidate[..cut]))
        {
            if (token.IsKind(SyntaxKind.EndOfFileToken) || token.ContainsDiagnostics || (splitsAWord && token.Span.End == cut))
            {
                break;
            }

            // Never end inside a bracket the candidate opened: `Tax(order` is no place to stop.
            depth = token.Kind() switch
            {
                SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken or SyntaxKind.OpenBraceToken => depth + 1,
                SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.CloseBraceToken => Math.Max(0, depth - 1),
                _ => depth,
            };
            if (depth == 0 && EndsAThought(token))
            {
                end = token.Span.End;
                named |= token.IsKind(SyntaxKind.IdentifierToken) || SyntaxFacts.IsLiteralExpression(token.Kind()) || token.IsKind(SyntaxKind.NumericLiteralToken);
            }
        }

        var text = candidate[..end].TrimEnd();
        return named && text.Trim().Length >= MinLength ? text : null;
    }

    /// <summary>
    /// Where the text the error condemns starts. A member that does not exist condemns its whole access: the
    /// receiver (<c>order.</c> in <c>order.Bogus</c>) was written for it, so the cut goes before the receiver.
    /// </summary>
    private static int ErrorStart(Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var span = diagnostic.Location.SourceSpan;
        if (!DiagnosticRules.IsUnknownName(diagnostic) || diagnostic.Location.SourceTree is not { } tree)
        {
            return span.Start;
        }

        var node = tree.GetRoot(cancellationToken).FindNode(span, getInnermostNodeForTie: true);
        while (node.Parent is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax or ConditionalAccessExpressionSyntax)
        {
            node = node.Parent;
        }

        return Math.Min(span.Start, node.SpanStart);
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool EndsAThought(SyntaxToken token) =>
        token.Kind() is SyntaxKind.IdentifierToken or SyntaxKind.NumericLiteralToken or SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken
            or SyntaxKind.TrueKeyword or SyntaxKind.FalseKeyword or SyntaxKind.NullKeyword or SyntaxKind.ThisKeyword
            or SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.SemicolonToken;
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Step 1 of the pipeline: decides from Roslyn's syntax tree whether to complete at all and whether to ask for one
/// line or a block. Pure and synchronous: it runs on every keystroke before anything expensive.
/// </summary>
internal static class CompletionDecider
{
    // Text that may follow the caret on a line without making it a fill-in-the-middle: what editors auto-close.
    private const string TrivialRestOfLine = ")]};,\"'> \t";

    private static readonly string[] SingleLineStops = ["\n", "\r\n"];

    // A blank line ends a block suggestion; the post-processor cuts at the closing brace of the block.
    private static readonly string[] MultiLineStops = ["\n\n\n"];

    public static CompletionDecision Decide(SyntaxNode root, SourceText text, int position, bool supportsFim, bool allowCommentsAndStrings)
    {
        if (position < 0 || position > text.Length)
        {
            return CompletionDecision.Skip("position out of range");
        }

        var line = text.Lines.GetLineFromPosition(position);
        var restOfLine = text.ToString(TextSpan.FromBounds(position, line.End));
        if (restOfLine.Length > 0 && IsIdentifierChar(restOfLine[0]))
        {
            return CompletionDecision.Skip("caret inside a word");
        }

        if (root.FindTrivia(Math.Max(0, position - 1)).IsKind(SyntaxKind.DisabledTextTrivia))
        {
            return CompletionDecision.Skip("inside code excluded by #if");
        }

        if (!allowCommentsAndStrings && IsInCommentOrString(root, position))
        {
            return CompletionDecision.Skip("inside a comment or string");
        }

        if (!supportsFim && restOfLine.Trim().Any(c => !TrivialRestOfLine.Contains(c)))
        {
            return CompletionDecision.Skip("rest of line has text and the model has no FIM");
        }

        var beforeCaret = text.ToString(TextSpan.FromBounds(line.Start, position));
        if (string.IsNullOrWhiteSpace(beforeCaret) && string.IsNullOrWhiteSpace(restOfLine) && OpensBlockBody(root, line.Start))
        {
            return new CompletionDecision(CompletionShape.MultiLine, MultiLineStops);
        }

        return new CompletionDecision(CompletionShape.SingleLine, SingleLineStops);
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsInCommentOrString(SyntaxNode root, int position)
    {
        var trivia = root.FindTrivia(position > 0 ? position - 1 : 0, findInsideTrivia: true);
        if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)
            || trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
        {
            // A line comment ends at the newline: the caret right after it (next line) is code again.
            return trivia.Span.Contains(position) || (trivia.Span.End == position && !trivia.IsKind(SyntaxKind.MultiLineCommentTrivia));
        }

        var token = root.FindToken(Math.Max(0, position - 1), findInsideTrivia: true);
        var inside = token.Span.Start < position && position < token.Span.End
            || (token.Span.End == position && IsUnterminatedLiteral(token));
        return inside && token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken
            or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.Utf8StringLiteralToken
            or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken;
    }

    private static bool IsUnterminatedLiteral(SyntaxToken token) =>
        token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken && token.ContainsDiagnostics;

    /// <summary>True when the last token before the blank line is the '{' of a block or body (a new body is being written).</summary>
    private static bool OpensBlockBody(SyntaxNode root, int lineStart)
    {
        if (lineStart == 0)
        {
            return false;
        }

        var previous = root.FindToken(lineStart - 1);
        if (previous.Span.End > lineStart)
        {
            previous = previous.GetPreviousToken();
        }

        if (!previous.IsKind(SyntaxKind.OpenBraceToken) || previous.Parent is not { } parent)
        {
            return false;
        }

        return parent switch
        {
            BlockSyntax block => block.Statements.Count == 0 || block.Statements[0].SpanStart > lineStart,
            AccessorListSyntax => false,
            TypeDeclarationSyntax => false,
            SwitchStatementSyntax => true,
            InitializerExpressionSyntax => true,
            _ => false,
        };
    }
}

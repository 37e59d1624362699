using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Spectre.Console;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// Colours one line of C# for a terminal with Roslyn's lexer (keywords, literals, comments, punctuation), line by
/// line because answers stream. A block comment or raw string that spans lines is coloured on its first line only;
/// the text itself is always printed exactly.
/// </summary>
internal static class CodeHighlighter
{
    public static string CSharpLine(string line)
    {
        var markup = new StringBuilder();
        foreach (var token in SyntaxFactory.ParseTokens(line))
        {
            AppendTrivia(markup, token.LeadingTrivia);
            Append(markup, token.Text, TokenStyle(token));
            AppendTrivia(markup, token.TrailingTrivia);
        }

        return markup.ToString();
    }

    /// <summary>Code in another language (or none named): one colour, printed as is.</summary>
    public static string PlainLine(string line) => line.Length == 0 ? "" : $"[cyan]{Markup.Escape(line)}[/]";

    private static void AppendTrivia(StringBuilder markup, SyntaxTriviaList trivia)
    {
        foreach (var item in trivia)
        {
            var style = item.Kind() is SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia
                or SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia
                ? "green" : null;
            Append(markup, item.ToFullString(), style);
        }
    }

    private static string? TokenStyle(SyntaxToken token)
    {
        // The lexer alone cannot tell `var x` from a variable named var: contextual keywords are coloured wherever they appear.
        if (SyntaxFacts.IsKeywordKind(token.Kind())
            || (token.IsKind(SyntaxKind.IdentifierToken) && (SyntaxFacts.GetContextualKeywordKind(token.Text) != SyntaxKind.None || token.Text is "var" or "dynamic")))
        {
            return "blue";
        }

        return token.Kind() switch
        {
            SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringStartToken
                or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.InterpolatedStringEndToken
                or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                or SyntaxKind.Utf8StringLiteralToken => "darkorange",
            SyntaxKind.NumericLiteralToken => "magenta",
            SyntaxKind.IdentifierToken when token.Text.Length > 0 && char.IsUpper(token.Text[0]) => "aqua",
            _ => null,
        };
    }

    private static void Append(StringBuilder markup, string text, string? style)
    {
        if (text.Length == 0)
        {
            return;
        }

        markup.Append(style is null ? Markup.Escape(text) : $"[{style}]{Markup.Escape(text)}[/]");
    }
}

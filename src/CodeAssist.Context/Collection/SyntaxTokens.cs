using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeAssist.Context.Collection;

internal static class SyntaxTokens
{
    /// <summary>The last token that starts before <paramref name="position"/> (skipping trivia), like Roslyn's internal helper.</summary>
    public static SyntaxToken LeftOf(SyntaxNode root, int position)
    {
        var token = root.FindToken(Math.Max(0, position - 1));
        while (token.SpanStart >= position && !token.IsKind(SyntaxKind.None))
        {
            token = token.GetPreviousToken();
        }

        return token;
    }
}

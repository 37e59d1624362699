using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Step 4: turns raw model text into what is worth showing. Works on Roslyn tokens of the candidate so brackets and
/// semicolons inside string literals and comments do not count. Returns null when nothing is left.
/// </summary>
internal static class CandidatePostProcessor
{
    public static string? Process(string raw, CompletionDecision decision, CaretSurroundings around)
    {
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = CutAtStopSequences(text, decision);
        if (decision.Shape == CompletionShape.SingleLine)
        {
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            text = newline >= 0 ? text[..newline] : text;
        }

        text = CutAtEndOfUnit(text, decision.Shape, around);
        text = DropSuffixOverlap(text, around.RestOfLine);
        text = DropRepeatedNextLines(text, around.NextLines);
        text = TrimTrailingWhitespace(text);
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static string CutAtStopSequences(string text, CompletionDecision decision)
    {
        foreach (var stop in decision.StopSequences)
        {
            var index = text.IndexOf(stop, StringComparison.Ordinal);

            // A single-line stop at index 0 would empty the candidate; the newline split handles leading breaks.
            if (index > 0)
            {
                text = text[..index];
            }
        }

        return text;
    }

    /// <summary>
    /// Cuts after the first statement end (single line), before a closer that closes more than the caret's line
    /// opened or that the rest of the line already has, and before the '}' that ends the enclosing block (multi-line).
    /// </summary>
    private static string CutAtEndOfUnit(string text, CompletionShape shape, CaretSurroundings around)
    {
        var open = UnclosedOpeners(around.LineBeforeCaret);
        var restTrimmed = around.RestOfLine.TrimStart();
        var depth = 0;
        foreach (var token in SyntaxFactory.ParseTokens(text))
        {
            if (token.IsKind(SyntaxKind.EndOfFileToken))
            {
                break;
            }

            var kind = token.Kind();
            if (IsOpener(kind))
            {
                depth++;
            }
            else if (IsCloser(kind))
            {
                if (depth > 0)
                {
                    depth--;
                    continue;
                }

                // The closer belongs to an opener before the caret.
                var matches = open.Count > 0 && Matches(open.Peek(), kind);
                var suffixHasIt = restTrimmed.Length > 0 && restTrimmed[0] == token.Text[0];
                if (!matches || suffixHasIt)
                {
                    return CutBefore(text, token.SpanStart, shape);
                }

                open.Pop();
            }
            else if (kind == SyntaxKind.SemicolonToken && depth == 0 && shape == CompletionShape.SingleLine)
            {
                return text[..token.Span.End];
            }
        }

        return text;
    }

    private static string CutBefore(string text, int index, CompletionShape shape)
    {
        if (shape == CompletionShape.MultiLine)
        {
            // Keep whole lines: the '}' and its indentation belong to the suffix.
            var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1));
            return lineStart >= 0 && string.IsNullOrWhiteSpace(text[(lineStart + 1)..index]) ? text[..lineStart] : text[..index];
        }

        return text[..index];
    }

    private static Stack<SyntaxKind> UnclosedOpeners(string lineBeforeCaret)
    {
        var stack = new Stack<SyntaxKind>();
        foreach (var token in SyntaxFactory.ParseTokens(lineBeforeCaret))
        {
            var kind = token.Kind();
            if (IsOpener(kind))
            {
                stack.Push(kind);
            }
            else if (IsCloser(kind) && stack.Count > 0)
            {
                stack.Pop();
            }
        }

        return stack;
    }

    private static string DropSuffixOverlap(string text, string restOfLine)
    {
        // Closers and semicolons were matched token by token in CutAtEndOfUnit; a textual match would eat balanced brackets.
        var rest = restOfLine.Trim();
        if (rest.All(c => ")]};, ".Contains(c, StringComparison.Ordinal)))
        {
            return text;
        }

        var trimmed = text.TrimEnd();
        return trimmed.EndsWith(rest, StringComparison.Ordinal) ? trimmed[..^rest.Length] : text;
    }

    private static string DropRepeatedNextLines(string text, IReadOnlyList<string> nextLines)
    {
        if (nextLines.Count == 0)
        {
            return text;
        }

        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length > 1 && line == nextLines[0])
            {
                return string.Join('\n', lines[..index]);
            }
        }

        return text;
    }

    private static string TrimTrailingWhitespace(string text)
    {
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            lines[index] = lines[index].TrimEnd();
        }

        return string.Join('\n', lines).TrimEnd('\n');
    }

    private static bool IsOpener(SyntaxKind kind) =>
        kind is SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken or SyntaxKind.OpenBraceToken;

    private static bool IsCloser(SyntaxKind kind) =>
        kind is SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.CloseBraceToken;

    private static bool Matches(SyntaxKind opener, SyntaxKind closer) => (opener, closer) switch
    {
        (SyntaxKind.OpenParenToken, SyntaxKind.CloseParenToken) => true,
        (SyntaxKind.OpenBracketToken, SyntaxKind.CloseBracketToken) => true,
        (SyntaxKind.OpenBraceToken, SyntaxKind.CloseBraceToken) => true,
        _ => false,
    };
}

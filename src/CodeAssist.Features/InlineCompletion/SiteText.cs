namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Reads the text before an identifier the way compiler-guided decoding needs it, without parsing: string, character
/// literals and line comments are masked, and the last characters tell what kind of site follows. Deliberately
/// conservative: where a new name may be declared (a lambda parameter, an object initializer's member) it answers
/// <see cref="SiteKind.None"/>, so sampling stays free there.
/// </summary>
internal static class SiteText
{
    private static readonly HashSet<string> ExpressionKeywords = new(StringComparer.Ordinal)
    {
        "return", "throw", "await", "case", "in", "when", "if", "while", "switch", "lock", "using", "for", "foreach",
        "catch", "fixed", "checked", "unchecked", "nameof", "else", "yield", "is", "and", "or", "not",
    };

    /// <summary>
    /// <paramref name="text"/> with the contents of literals and comments replaced by '_'; null when the text ends
    /// inside one (no identifier site there).
    /// </summary>
    public static string? Mask(string text)
    {
        var masked = text.ToCharArray();
        var quote = '\0';
        var verbatim = false;
        var comment = false;
        for (var i = 0; i < masked.Length; i++)
        {
            var c = masked[i];
            if (comment)
            {
                comment = c != '\n';
                masked[i] = comment ? '_' : c;
            }
            else if (quote != '\0')
            {
                if (c == '\\' && !verbatim && i + 1 < masked.Length)
                {
                    masked[i] = masked[i + 1] = '_';
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    // A line end closes a regular literal (an error the compiler reports; the site finder moves on).
                    quote = c == '\n' && !verbatim ? '\0' : quote;
                    masked[i] = c == '\n' ? c : '_';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                verbatim = c == '"' && i > 0 && (masked[i - 1] == '@' || (masked[i - 1] == '$' && i > 1 && masked[i - 2] == '@'));
            }
            else if (c == '/' && i + 1 < masked.Length && masked[i + 1] == '/')
            {
                comment = true;
                masked[i] = '_';
            }
        }

        return quote != '\0' || comment ? null : new string(masked);
    }

    /// <summary>What kind of site starts after <paramref name="before"/> (masked text up to the identifier).</summary>
    public static (SiteKind Kind, string Head) Classify(string before)
    {
        var trimmed = before.TrimEnd();
        if (trimmed.Length == 0)
        {
            return (SiteKind.None, "");
        }

        var last = trimmed[^1];
        if (last == '<' && trimmed.Length == before.Length && GenericHead(trimmed[..^1]) is { Length: > 0 } generic)
        {
            return (SiteKind.GenericArgument, generic);
        }

        if (last == ',' && OpenBracket(trimmed[..^1]) is var (open, index) && open != '\0')
        {
            return open switch
            {
                '(' => Call(trimmed[..index]),
                '[' => (SiteKind.Expression, ""),
                '<' when GenericHead(trimmed[..index]) is { Length: > 0 } head => (SiteKind.GenericArgument, head),
                _ => (SiteKind.None, ""),
            };
        }

        if (last == '(')
        {
            return Call(trimmed[..^1]);
        }

        if (last == '[')
        {
            var element = trimmed[..^1].TrimEnd();
            return element.Length > 0 && (IsIdentifierPart(element[^1]) || element[^1] is ')' or ']')
                ? (SiteKind.Expression, "")
                : (SiteKind.None, "");
        }

        // Operators that an expression follows: assignment and compound assignment, =>, comparisons except < and >
        // (generic type arguments end a declaration's type: `List<int> items`), arithmetic, logic, ?:, !, ~, and a
        // new statement after ";".
        // A "?" only with a space before it: `int? count` declares a name.
        if (last is '=' or '+' or '-' or '*' or '/' or '%' or '&' or '|' or '^' or '!' or '~' or ':' or ';'
            || (last == '?' && trimmed.Length > 1 && trimmed[^2] is ' ' or '?')
            || (last == '>' && trimmed.Length > 1 && trimmed[^2] is '=' or '-'))
        {
            // `case X:` and labels end a statement; `;` must be followed by whitespace (a new statement or for clause).
            return last == ';' && trimmed.Length == before.Length ? (SiteKind.None, "") : (SiteKind.Expression, "");
        }

        var word = LastWord(trimmed);
        return trimmed.Length < before.Length && ExpressionKeywords.Contains(word)
            ? (SiteKind.Expression, "")
            : (SiteKind.None, "");
    }

    /// <summary>The innermost (, [, { or &lt; that is still open at the end of <paramref name="text"/>, and where.</summary>
    private static (char Open, int Index) OpenBracket(string text)
    {
        var depth = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is ')' or ']' or '}' or '>')
            {
                depth++;
            }
            else if (c is '(' or '[' or '{' or '<')
            {
                if (depth == 0)
                {
                    return (c, i);
                }

                depth--;
            }
            else if (c is ';' or '\n' && depth == 0)
            {
                break;
            }
        }

        return ('\0', 0);
    }

    private static (SiteKind, string) Call(string callee)
    {
        var trimmed = callee.TrimEnd();
        if (trimmed.Length == 0 || !(IsIdentifierPart(trimmed[^1]) || trimmed[^1] == '>'))
        {
            // A parenthesized expression, a cast or a lambda's parameter list: left free.
            return (SiteKind.None, "");
        }

        var word = LastWord(trimmed);
        if (word.Length == trimmed.Length || !IsIdentifierPart(trimmed[^(word.Length + 1)]))
        {
            if (ExpressionKeywords.Contains(word))
            {
                return (SiteKind.Expression, "");
            }
        }

        return (SiteKind.Argument, IdentifierSites.Receiver(trimmed));
    }

    /// <summary>The name before a generic argument list's "&lt;" (<c>List</c>, <c>Dictionary</c>), or "" when it is not one.</summary>
    private static string GenericHead(string text)
    {
        var word = LastWord(text);
        return word.Length > 0 && char.IsUpper(word[0]) && text.Length == text.TrimEnd().Length ? word : "";
    }

    private static string LastWord(string text)
    {
        var start = text.Length;
        while (start > 0 && IsIdentifierPart(text[start - 1]))
        {
            start--;
        }

        return text[start..];
    }

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);
}

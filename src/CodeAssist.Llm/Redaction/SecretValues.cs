namespace CodeAssist.Llm.Redaction;

/// <summary>
/// Reads the value after a secret-like name's assignment operator, in whatever form it has: a regular, verbatim,
/// interpolated or raw C# string (single or multi-line), a JSON or YAML string, an array or collection of strings
/// (each element is a secret), or a bare config value that ends its line (.env, .ini, YAML).
/// </summary>
internal static class SecretValues
{
    // Shorter values are words like "id" or "{"; a real credential is longer.
    private const int MinimumLength = 5;

    // How far an array or collection initializer is followed.
    private const int MaxCollectionLength = 4000;

    public static void Add(string text, int position, List<SecretSpan> found, bool comparison = false)
    {
        if (position >= text.Length)
        {
            return;
        }

        if (StartsCollection(text, position) is { } open)
        {
            AddCollectionElements(text, open, found);
            return;
        }

        if (ReadString(text, position) is { } literal)
        {
            if (literal.End - literal.Start >= MinimumLength)
            {
                found.Add(new SecretSpan(literal.Start, literal.End, SecretRedactor.Placeholder));
            }

            return;
        }

        if (!comparison)
        {
            AddBareValue(text, position, found);
        }
    }

    /// <summary>The content span of the string literal starting at <paramref name="position"/> (prefixes included).</summary>
    public static (int Start, int End, int Next)? ReadString(string text, int position)
    {
        var i = position;
        var verbatim = false;
        while (i < text.Length && i - position < 8 && text[i] is '$' or '@')
        {
            verbatim |= text[i] == '@';
            i++;
        }

        if (i >= text.Length || text[i] is not ('"' or '\''))
        {
            return null;
        }

        var quote = text[i];
        var quotes = 0;
        while (i + quotes < text.Length && text[i + quotes] == quote)
        {
            quotes++;
        }

        if (quote == '"' && quotes >= 3)
        {
            // A raw string literal ends at the same number of quotes; it may span lines.
            var start = i + quotes;
            var close = text.IndexOf(new string('"', quotes), start, StringComparison.Ordinal);
            var end = close < 0 ? text.Length : close;
            return (start, end, close < 0 ? end : close + quotes);
        }

        var contentStart = i + 1;
        for (var j = contentStart; j < text.Length; j++)
        {
            var c = text[j];
            if (c == quote)
            {
                if (verbatim && j + 1 < text.Length && text[j + 1] == quote)
                {
                    j++;
                    continue;
                }

                return (contentStart, j, j + 1);
            }

            if (c == '\\' && !verbatim)
            {
                j++;
            }
            else if (c == '\n' && !verbatim)
            {
                // An unterminated literal is one the user is typing: the rest of the line is its value. Code after
                // it means the quote closed a literal instead ("Unexpected token: " + token).
                return text.AsSpan(contentStart, j - contentStart).ContainsAny("();+") ? null : (contentStart, j, j);
            }
        }

        return text.AsSpan(contentStart).ContainsAny("();+") ? null : (contentStart, text.Length, text.Length);
    }

    private static int? StartsCollection(string text, int position)
    {
        var i = position;
        if (string.CompareOrdinal(text, i, "new", 0, 3) == 0)
        {
            // new[] { ... }, new string[] { ... }, new List<string> { ... }
            var brace = text.IndexOfAny(['{', ';', '\n', '"'], i);
            return brace >= 0 && text[brace] == '{' ? brace : null;
        }

        return i < text.Length && text[i] is '[' or '{' ? i : null;
    }

    private static void AddCollectionElements(string text, int open, List<SecretSpan> found)
    {
        var depth = 0;
        var limit = Math.Min(text.Length, open + MaxCollectionLength);
        for (var i = open; i < limit; i++)
        {
            var c = text[i];
            if (c is '[' or '{' or '(')
            {
                depth++;
            }
            else if (c is ']' or '}' or ')')
            {
                if (--depth == 0)
                {
                    return;
                }
            }
            else if (c is '"' or '\'' or '@' or '$' && ReadString(text, i) is { } literal)
            {
                if (literal.End - literal.Start >= MinimumLength)
                {
                    found.Add(new SecretSpan(literal.Start, literal.End, SecretRedactor.Placeholder));
                }

                i = Math.Max(i, literal.Next - 1);
            }
        }
    }

    /// <summary>An unquoted value that ends its line: API_KEY=abc123 in .env, password: hunter2 in YAML.</summary>
    private static void AddBareValue(string text, int position, List<SecretSpan> found)
    {
        var end = position;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not (';' or ',' or '(' or ')' or '"' or '\'' or '`' or '{' or '}'))
        {
            end++;
        }

        var rest = end;
        while (rest < text.Length && text[rest] is ' ' or '\t' or '\r')
        {
            rest++;
        }

        if (end - position < MinimumLength || (rest < text.Length && text[rest] != '\n'))
        {
            return;
        }

        var value = text.AsSpan(position, end - position);

        // Code that continues on the next line (a member access, an operator) is not a value, nor is a type name
        // (class TokenReader : JsonReader, where TKey : notnull) or a member access (JsonToken.Null).
        if (value.StartsWith("//") || ContinuesOnTheNextLine(value) || LooksLikeCode(value))
        {
            return;
        }

        found.Add(new SecretSpan(position, end, SecretRedactor.Placeholder));
    }

    private static bool ContinuesOnTheNextLine(ReadOnlySpan<char> value) =>
        value[^1] is '.' or '+' or '-' or '*' or '/' or '&' or '|' or '=' or '<' or '>' or '?' or ':' or '!' or '['
        || value.Contains("&&", StringComparison.Ordinal) || value.Contains("||", StringComparison.Ordinal)
        || value.Contains("?.", StringComparison.Ordinal) || value.Contains("??", StringComparison.Ordinal);

    /// <summary>
    /// A type or member name (JsonConverter, IKeyValueId, JsonToken.Null) or a keyword: two capitalised words, or a
    /// dotted name. A generated value rarely has two capitalised words of three letters.
    /// </summary>
    private static bool LooksLikeCode(ReadOnlySpan<char> value)
    {
        var words = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                return false;
            }

            if (char.IsAsciiLetterUpper(c) && i + 2 < value.Length && char.IsAsciiLetterLower(value[i + 1]) && char.IsAsciiLetterLower(value[i + 2]))
            {
                words++;
            }
        }

        return words >= 2 || value.Contains('.') || value is "notnull" or "unmanaged" or "object" or "struct" or "class" or "string" or "default";
    }
}

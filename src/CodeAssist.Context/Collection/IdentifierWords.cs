namespace CodeAssist.Context.Collection;

/// <summary>Splits identifiers into lower-case words ("JsonTextWriter" -> json, text, writer) for lexical matching.</summary>
internal static class IdentifierWords
{
    public static IEnumerable<string> Split(string identifier)
    {
        var start = -1;
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (start >= 0)
                {
                    yield return identifier[start..i].ToLowerInvariant();
                }

                start = -1;
                continue;
            }

            var boundary = start >= 0 && char.IsUpper(c)
                && (char.IsLower(identifier[i - 1]) || (i + 1 < identifier.Length && char.IsLower(identifier[i + 1]) && char.IsUpper(identifier[i - 1])));
            if (boundary)
            {
                yield return identifier[start..i].ToLowerInvariant();
                start = i;
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            yield return identifier[start..].ToLowerInvariant();
        }
    }

    /// <summary>Identifiers in a piece of text, in order.</summary>
    public static IEnumerable<string> Identifiers(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isPart = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (isPart && start < 0)
            {
                start = i;
            }
            else if (!isPart && start >= 0)
            {
                if (!char.IsDigit(text[start]))
                {
                    yield return text[start..i];
                }

                start = -1;
            }
        }
    }
}

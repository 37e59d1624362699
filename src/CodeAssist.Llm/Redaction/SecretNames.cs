using System.Buffers;

namespace CodeAssist.Llm.Redaction;

/// <summary>
/// A secret-like name (any prefix or suffix: StorageKey, client_secret, DbPassword, ["ApiKey"]) in code, JSON, YAML
/// or a config file, followed by an assignment operator; <see cref="SecretValues"/> reads the value after it.
/// Driven by a vectorized search for the name markers and walking outwards from each, so it stays linear.
/// </summary>
internal static class SecretNames
{
    private static readonly SearchValues<string> NameMarkers = SearchValues.Create(
        ["key", "secret", "token", "passw", "pwd", "credential", "connectionstring"], StringComparison.OrdinalIgnoreCase);

    public static void Find(string text, List<SecretSpan> found)
    {
        var position = 0;
        var lastNameEnd = -1;
        while (position < text.Length)
        {
            var offset = text.AsSpan(position).IndexOfAny(NameMarkers);
            if (offset < 0)
            {
                return;
            }

            var marker = position + offset;
            var nameEnd = marker;
            while (nameEnd < text.Length && IsNameChar(text[nameEnd]))
            {
                nameEnd++;
            }

            position = nameEnd + 1;
            if (nameEnd == lastNameEnd)
            {
                // The same name holds two markers (TokenKey); its value was read already.
                continue;
            }

            lastNameEnd = nameEnd;
            if (OperatorEnd(text, nameEnd) is { } valueStart)
            {
                SecretValues.Add(text, valueStart, found, comparison: text[valueStart - 1] == '=' && valueStart >= 2 && text[valueStart - 2] == '=');
            }
        }
    }

    /// <summary>Where the value starts after the name: past a closing quote or bracket, then = : := =>.</summary>
    private static int? OperatorEnd(string text, int i)
    {
        if (i < text.Length && text[i] is '"' or '\'')
        {
            i++;
        }

        if (i < text.Length && text[i] == ']')
        {
            i++;
        }

        i = SkipBlanks(text, i);
        if (i >= text.Length)
        {
            return null;
        }

        if (text[i] == ':')
        {
            i += i + 1 < text.Length && text[i + 1] == '=' ? 2 : 1;
        }
        else if (text[i] == '=')
        {
            i++;
            if (i < text.Length && text[i] is '>' or '=')
            {
                i++;
            }
        }
        else
        {
            return null;
        }

        if (i < text.Length && text[i] == '=')
        {
            return null;
        }

        return SkipBlanks(text, i);
    }

    private static int SkipBlanks(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
}

using System.Collections.Concurrent;

namespace CodeAssist.Llm.Redaction;

/// <summary>
/// Whether the redactor leaves a short piece of text (an identifier) unchanged, remembered per text: the same names
/// come back at every site of every generation in a project, and running every pattern over each again costs
/// milliseconds per decoded token.
/// </summary>
internal static class RedactionVerdicts
{
    private const int MaxRemembered = 200_000;
    private static readonly ConcurrentDictionary<string, bool> s_clean = new(StringComparer.Ordinal);

    public static bool IsClean(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (s_clean.TryGetValue(text, out bool clean))
        {
            return clean;
        }

        clean = SecretRedactor.Redact(text) == text;
        if (s_clean.Count >= MaxRemembered)
        {
            s_clean.Clear();
        }

        s_clean[text] = clean;
        return clean;
    }

    /// <summary>The names the redactor leaves unchanged, in order.</summary>
    public static string[] Clean(IReadOnlyList<string> names) => [.. names.Where(IsClean)];
}

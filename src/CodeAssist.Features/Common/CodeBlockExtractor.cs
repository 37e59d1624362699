using System.Text.RegularExpressions;

namespace CodeAssist.Features.Common;

/// <summary>Pulls the code and the one-line labels ("Hint:", "Rationale:") out of a model's Markdown answer.</summary>
internal static partial class CodeBlockExtractor
{
    /// <summary>The last fenced code block (models often echo the question first), or null.</summary>
    public static string? LastCodeBlock(string markdown)
    {
        var matches = FencePattern().Matches(markdown.ReplaceLineEndings("\n"));
        return matches.Count == 0 ? null : matches[^1].Groups["code"].Value.TrimEnd();
    }

    /// <summary>The text after "<paramref name="label"/>:" on its line, markdown emphasis removed, or null.</summary>
    public static string? Label(string markdown, string label)
    {
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.Trim().TrimStart('*', '-', ' ').Replace("**", "", StringComparison.Ordinal);
            if (trimmed.StartsWith(label + ":", StringComparison.OrdinalIgnoreCase))
            {
                var value = trimmed[(label.Length + 1)..].Trim();
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<fence>`{3,})[ \t]*[A-Za-z#+-]*[ \t]*\n(?<code>.*?)\n[ \t]*\k<fence>", RegexOptions.Singleline)]
    private static partial Regex FencePattern();
}

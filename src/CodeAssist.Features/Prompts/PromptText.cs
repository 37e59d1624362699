using System.Text;

namespace CodeAssist.Features.Prompts;

/// <summary>Helpers that put workspace text into prompts as quoted data.</summary>
public static class PromptText
{
    /// <summary>
    /// Fences code with a backtick run longer than any inside it, so code can never close the fence and
    /// continue as if it were part of the instructions.
    /// </summary>
    public static string QuoteCode(string code, string language = "csharp", int? firstLineNumber = null)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in code)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        var builder = new StringBuilder();
        builder.Append(fence).Append(language).Append('\n');
        if (firstLineNumber is { } first)
        {
            var lines = code.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                builder.Append(first + i).Append(": ").Append(lines[i]).Append('\n');
            }
        }
        else
        {
            builder.Append(code.ReplaceLineEndings("\n").TrimEnd('\n')).Append('\n');
        }

        builder.Append(fence);
        return builder.ToString();
    }

    public static string Bullets(IEnumerable<string> items, string empty = "(none)")
    {
        var list = items.ToList();
        return list.Count == 0 ? empty : string.Join('\n', list.Select(i => "- " + i));
    }
}

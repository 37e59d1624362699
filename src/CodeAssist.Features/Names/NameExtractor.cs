using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeAssist.Features.Names;

/// <summary>
/// Finds the code names in a Markdown answer: inline code spans that hold a name, a dotted name or a call
/// (<c>`StockLevel.Ship(quantity)`</c>), and in prose dotted names and calls (<c>StockLevel.Ship()</c>). Fenced code
/// blocks are code the model proposes, not claims about the workspace, and are skipped.
/// </summary>
internal static partial class NameExtractor
{
    /// <summary>A code span that is one (possibly dotted, generic or called) name.</summary>
    [GeneratedRegex(@"^(?:new\s+)?(?<name>@?[A-Za-z_]\w*(?:<[^<>()]*>)?(?:\.@?[A-Za-z_]\w*(?:<[^<>()]*>)?)*)(?<call>\([^()]*\))?;?$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeSpanName();

    /// <summary>In prose: a dotted name (optionally called) or a call.</summary>
    [GeneratedRegex(@"(?<![\w.`/\\])(?<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|[A-Za-z_]\w*(?=\(\)))(?<call>\(\))?(?![\w`])", RegexOptions.CultureInvariant)]
    private static partial Regex ProseName();

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex TypeArguments();

    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "cs", "csproj", "sln", "slnx", "json", "md", "txt", "xml", "yml", "yaml", "dll", "exe", "props", "targets", "config", "com", "org", "net", "io",
    };

    public static IReadOnlyList<(int Start, int Length, string Name)> Extract(string markdown)
    {
        var found = new List<(int Start, int Length, string Name)>();
        var inFence = false;
        var lineStart = 0;
        while (lineStart < markdown.Length)
        {
            var lineEnd = markdown.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = markdown.Length;
            }

            var trimmed = markdown.AsSpan(lineStart, lineEnd - lineStart).TrimStart();
            if (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"))
            {
                inFence = !inFence;
            }
            else if (!inFence)
            {
                ExtractFromLine(markdown, lineStart, lineEnd, found);
            }

            lineStart = lineEnd + 1;
        }

        return found;
    }

    private static void ExtractFromLine(string text, int start, int end, List<(int Start, int Length, string Name)> found)
    {
        var at = start;
        while (at < end)
        {
            var open = text.IndexOf('`', at, end - at);
            var proseEnd = open < 0 ? end : open;
            FromProse(text, at, proseEnd, found);
            if (open < 0)
            {
                return;
            }

            var close = text.IndexOf('`', open + 1, end - open - 1);
            if (close < 0)
            {
                return;
            }

            var content = text.Substring(open + 1, close - open - 1).Trim();
            if (CodeSpanName().Match(content) is { Success: true } match && Normalize(match.Groups["name"].Value) is { } name)
            {
                found.Add((open, close - open + 1, name));
            }

            at = close + 1;
        }
    }

    private static void FromProse(string text, int start, int end, List<(int Start, int Length, string Name)> found)
    {
        foreach (Match match in ProseName().Matches(text.Substring(start, end - start)))
        {
            var name = match.Groups["name"].Value;
            var segments = name.Split('.');

            // Prose is full of dotted things that are not code: "e.g.", "ASP.NET", file names, host names.
            if (!segments.Any(s => s.Any(char.IsUpper) && s.Any(char.IsLower)) || segments.Any(s => s.Length < 2)
                || FileExtensions.Contains(segments[^1]))
            {
                continue;
            }

            if (Normalize(name) is { } normalized)
            {
                found.Add((start + match.Index, match.Length, normalized));
            }
        }
    }

    /// <summary>The lookup form (no type arguments, no `this.`, no verbatim @), or null for keywords and literals.</summary>
    private static string? Normalize(string name)
    {
        var segments = TypeArguments().Replace(name, "").Split('.').Select(s => s.TrimStart('@')).ToList();
        if (segments.Count > 1 && segments[0] is "this" or "base")
        {
            segments.RemoveAt(0);
        }

        if (segments.Count == 1 && (SyntaxFacts.GetKeywordKind(segments[0]) != SyntaxKind.None
            || SyntaxFacts.GetContextualKeywordKind(segments[0]) != SyntaxKind.None))
        {
            return null;
        }

        return string.Join('.', segments);
    }
}

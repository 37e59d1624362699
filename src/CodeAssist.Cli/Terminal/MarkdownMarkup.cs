using System.Text.RegularExpressions;
using Spectre.Console;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// Turns one line of Markdown into Spectre markup: headings, bullets, quotes, **bold**, `code`, and fenced code
/// blocks shown as highlighted code without their fences. Line by line so that a streamed answer can be rendered
/// as it arrives.
/// </summary>
internal sealed partial class MarkdownMarkup
{
    private static readonly string[] CSharpTags = ["", "cs", "csharp", "c#"];

    private string? _fence;
    private bool _codeIsCSharp;

    /// <summary>The markup for <paramref name="line"/>, or null for a line that shows nothing (a code fence).</summary>
    public string? Line(string line)
    {
        var trimmed = line.TrimStart();
        if (_fence is null && FencePattern().Match(trimmed) is { Success: true } opening)
        {
            _fence = opening.Groups[1].Value;
            _codeIsCSharp = CSharpTags.Contains(opening.Groups[2].Value.Trim().ToLowerInvariant());
            return null;
        }

        if (_fence is not null)
        {
            // A closing fence is at least as long as the opening one, of the same character, with nothing after it.
            if (trimmed.TrimEnd().Length >= _fence.Length && trimmed.TrimEnd().All(c => c == _fence[0]))
            {
                _fence = null;
                return null;
            }

            return _codeIsCSharp ? CodeHighlighter.CSharpLine(line) : CodeHighlighter.PlainLine(line);
        }

        var heading = HeadingPattern().Match(line);
        if (heading.Success)
        {
            var style = heading.Groups[1].Length == 1 ? "bold underline" : "bold";
            return $"[{style}]{Inline(heading.Groups[2].Value)}[/]";
        }

        if (line.StartsWith("> ", StringComparison.Ordinal))
        {
            return "[italic grey]" + Inline(line[2..]) + "[/]";
        }

        var bullet = BulletPattern().Match(line);
        if (bullet.Success)
        {
            return bullet.Groups[1].Value + "• " + Inline(bullet.Groups[2].Value);
        }

        return Inline(line);
    }

    private static string Inline(string text)
    {
        var escaped = Markup.Escape(text);
        escaped = CodePattern().Replace(escaped, "[cyan]$1[/]");
        return BoldPattern().Replace(escaped, "[bold]$1[/]");
    }

    [GeneratedRegex(@"^(`{3,}|~{3,})\s*([^`\s]*)")]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^(\s*)[-*]\s+(.*)$")]
    private static partial Regex BulletPattern();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex BoldPattern();
}

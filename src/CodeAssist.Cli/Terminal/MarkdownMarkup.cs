using System.Text.RegularExpressions;
using Spectre.Console;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// Turns one line of Markdown into Spectre markup: headings, bullets, quotes, code fences, **bold** and `code`.
/// Line by line so that a streamed answer can be rendered as it arrives.
/// </summary>
internal sealed partial class MarkdownMarkup
{
    private bool _inCodeBlock;

    public string Line(string line)
    {
        if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
        {
            _inCodeBlock = !_inCodeBlock;
            return "[grey]" + Markup.Escape(line) + "[/]";
        }

        if (_inCodeBlock)
        {
            return "[cyan]" + Markup.Escape(line) + "[/]";
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

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^(\s*)[-*]\s+(.*)$")]
    private static partial Regex BulletPattern();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex BoldPattern();
}

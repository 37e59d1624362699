using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace CodeAssist.Features.Prompts;

/// <summary>
/// A chat prompt as data: sections headed <c>### system</c>, <c>### user</c>, <c>### assistant</c> (few-shot turns)
/// holding text with <c>{{name}}</c> placeholders. Lines before the first heading are comments for whoever edits it.
/// </summary>
public sealed partial class PromptTemplate
{
    private PromptTemplate(string name, string source, IReadOnlyList<(ChatRole Role, string Text)> sections)
    {
        Name = name;
        Source = source;
        Sections = sections;
    }

    public string Name { get; }

    /// <summary>Where the template came from (a file path or "built-in"), for diagnostics.</summary>
    public string Source { get; }

    public IReadOnlyList<(ChatRole Role, string Text)> Sections { get; }

    public static PromptTemplate Parse(string name, string source, string text)
    {
        var sections = new List<(ChatRole, string)>();
        ChatRole? role = null;
        var body = new StringBuilder();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var heading = HeadingPattern().Match(line);
            if (heading.Success)
            {
                Flush();
                role = heading.Groups[1].Value.ToLowerInvariant() switch
                {
                    "system" => ChatRole.System,
                    "assistant" => ChatRole.Assistant,
                    _ => ChatRole.User,
                };
                continue;
            }

            if (role is not null)
            {
                body.Append(line).Append('\n');
            }
        }

        Flush();
        if (sections.Count == 0)
        {
            throw new FormatException($"Prompt '{name}' ({source}) has no '### system' or '### user' section.");
        }

        return new PromptTemplate(name, source, sections);

        void Flush()
        {
            if (role is { } current)
            {
                sections.Add((current, body.ToString().Trim()));
            }

            body.Clear();
        }
    }

    /// <summary>The messages with placeholders filled; an unknown placeholder becomes empty so a user's template cannot break a request.</summary>
    public IReadOnlyList<ChatMessage> Render(IReadOnlyDictionary<string, string> values) =>
        Sections.Select(s => new ChatMessage(s.Role, PlaceholderPattern().Replace(s.Text, m =>
            values.TryGetValue(m.Groups[1].Value, out var value) ? value : ""))).ToList();

    [GeneratedRegex(@"^###\s+(system|user|assistant)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex PlaceholderPattern();
}

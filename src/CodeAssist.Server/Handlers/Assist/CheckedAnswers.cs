using CodeAssist.Features.Names;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// A checked answer for editors: found names become Markdown links to their declaration (<c>file:///…#L12</c>, which
/// VS Code's Markdown opens at the line and the Neovim view follows), unknown ones stay flagged.
/// </summary>
internal static class CheckedAnswers
{
    public static string LinkedMarkdown(CheckedAnswer answer) =>
        CheckedAnswerRenderer.Render(answer, (written, name) => name.FilePath is null ? null : $"[{written}]({ProtocolConversions.ToUri(name.FilePath)}#L{name.Line})");

    public static IReadOnlyList<CheckedNameItem> Names(CheckedAnswer? answer) =>
        answer is null ? [] : [.. answer.Names.Select(Item)];

    private static CheckedNameItem Item(CheckedName name)
    {
        Location? location = null;
        if (name.FilePath is { } path && name.Line is { } line)
        {
            var start = new Position(line - 1, 0);
            location = new Location(ProtocolConversions.ToUri(path), new Protocol.Range(start, start));
        }

        return new CheckedNameItem(name.Name, name.Resolved, location, name.Assembly);
    }
}

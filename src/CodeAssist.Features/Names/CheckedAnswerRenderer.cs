using System.Text;

namespace CodeAssist.Features.Names;

/// <summary>
/// Writes a checked answer back as Markdown: each found name followed (or replaced) by what the surface makes of
/// its location, each unknown one flagged, and the warning line on top. The surfaces differ only in
/// <c>linkFound</c>: the CLI appends <c>(File.cs:12)</c>, the editors turn the name into a link.
/// </summary>
public static class CheckedAnswerRenderer
{
    public const string NotFound = " (not found in this workspace)";

    /// <param name="linkFound">The text that replaces a found mention (given the mention as written), or null to keep it.</param>
    public static string Render(CheckedAnswer answer, Func<string, CheckedName, string?> linkFound)
    {
        var builder = new StringBuilder(answer.RawText.Length + (answer.Mentions.Count * 24));
        if (answer.Warning is { } warning)
        {
            builder.Append(warning).Append("\n\n");
        }

        var at = 0;
        foreach (var mention in answer.Mentions)
        {
            builder.Append(answer.RawText, at, mention.Start - at);
            var written = answer.RawText.Substring(mention.Start, mention.Length);
            builder.Append(mention.Name.Resolved ? linkFound(written, mention.Name) ?? written : written + NotFound);
            at = mention.Start + mention.Length;
        }

        builder.Append(answer.RawText, at, answer.RawText.Length - at);
        return builder.ToString();
    }

    /// <summary>The plain rendering (CLI, --json): <c>`Reserved` (StockLevel.cs:16)</c>.</summary>
    public static string RenderPlain(CheckedAnswer answer) =>
        Render(answer, (written, name) => name.FilePath is null ? written : $"{written} ({Path.GetFileName(name.FilePath)}:{name.Line})");
}

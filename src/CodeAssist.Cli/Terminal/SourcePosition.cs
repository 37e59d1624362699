using System.Globalization;
using System.Text.RegularExpressions;

namespace CodeAssist.Cli.Terminal;

/// <summary>A PATH[:LINE[-LINE]] argument; lines are 1-based and inclusive.</summary>
internal sealed partial record SourcePosition(string Path, int? StartLine, int? EndLine)
{
    public static SourcePosition Parse(string value)
    {
        // Match the suffix only, so "C:\src\a.cs:12" keeps its drive letter.
        var match = SuffixPattern().Match(value);
        if (!match.Success)
        {
            return new SourcePosition(value, null, null);
        }

        var path = value[..match.Index];
        if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var start) || start < 1)
        {
            throw new CliException(ExitCodes.BadArguments, $"'{value}': lines are numbered from 1.");
        }

        var end = start;
        if (match.Groups[2].Success && (!int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start))
        {
            throw new CliException(ExitCodes.BadArguments, $"'{value}': the range must be LINE-LINE with the second line not before the first.");
        }

        return new SourcePosition(path, start, end);
    }

    [GeneratedRegex(@":(\d+)(?:-(\d+))?$")]
    private static partial Regex SuffixPattern();
}

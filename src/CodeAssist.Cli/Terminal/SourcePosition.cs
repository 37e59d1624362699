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
            // "File.cs:abc", "File.cs:-5", "File.cs:" are a bad line, not a file of that name.
            if (BadSuffixPattern().IsMatch(value))
            {
                throw new CliException(ExitCodes.BadArguments, $"'{value}': expected PATH[:LINE[-LINE]] with 1-based line numbers, e.g. Foo.cs:12 or Foo.cs:12-40.");
            }

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

    [GeneratedRegex(@"\.cs:[^\\/]*$", RegexOptions.IgnoreCase)]
    private static partial Regex BadSuffixPattern();
}

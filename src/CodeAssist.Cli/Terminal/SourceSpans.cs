using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Cli.Terminal;

/// <summary>Line arguments to spans, with the "line out of range" error the CLI promises.</summary>
internal static class SourceSpans
{
    /// <summary>The span of the lines in <paramref name="position"/>, or null when it names no line.</summary>
    public static TextSpan? Lines(SourceText text, SourcePosition position)
    {
        if (position.StartLine is not { } start)
        {
            return null;
        }

        var end = position.EndLine ?? start;
        return Features.Common.MemberLocator.LineRangeToSpan(text, start, end)
            ?? throw new CliException(ExitCodes.NotFound,
                $"{Path.GetFileName(position.Path)} has {text.Lines.Count} lines; line {(start > text.Lines.Count ? start : end)} is out of range.");
    }
}

using System.Text;

namespace CodeAssist.TestUtilities.Assist;

/// <summary>
/// A file whose marked span is one method of about forty short lines, with a long documentation comment and many
/// callers: the Roslyn facts then outweigh the code, as they do for a well-used member of a real project.
/// </summary>
public static class LongMethodSource
{
    public const int BodyLines = 36;

    /// <summary>A sentence of the documentation, to check whether the docs reached the prompt.</summary>
    public const string DocumentationSentence = "Totals the readings of one sensor over the configured window and reports the sum.";

    public static string Create(int callers, int documentationSentences, int callerNameLength = 0)
    {
        var builder = new StringBuilder();
        builder.Append("namespace Meters;\n\npublic sealed class Meter\n{\n");
        builder.Append("    /// <summary>");
        for (var i = 0; i < documentationSentences; i++)
        {
            builder.Append(DocumentationSentence).Append(' ');
        }

        builder.Append("</summary>\n");
        builder.Append("    [|public int Total(int a)\n    {\n        var t = 0;\n");
        for (var i = 0; i < BodyLines; i++)
        {
            builder.Append($"        t += a * {i};\n");
        }

        builder.Append("        return t;\n    }|]\n\n");
        for (var i = 0; i < callers; i++)
        {
            builder.Append($"    public int CallerWithAFairlyLongDescriptiveName{i}{new string('X', callerNameLength)}(int reading) => Total(reading + {i});\n");
        }

        builder.Append("}\n");
        return builder.ToString();
    }

    /// <summary>The body lines as they appear in the file, to check the code reached the prompt whole.</summary>
    public static IEnumerable<string> CodeLines() =>
        Enumerable.Range(0, BodyLines).Select(i => $"t += a * {i};").Append("public int Total(int a)").Append("return t;");
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace CodeAssist.Features.StackTraces;

/// <summary>
/// Parses the text of a .NET exception (Exception.ToString(), "Unhandled exception." output, logs): the chain of
/// exceptions joined by " ---> ", frames with or without " in FILE:line N", async boundaries
/// ("--- End of stack trace from previous location ---") and "--- End of inner exception stack trace ---", which
/// closes the frames of one inner exception. Unknown lines are kept as part of the current message, never an error.
/// </summary>
public static partial class StackTraceParser
{
    /// <summary>The exceptions, innermost (the root cause) first; empty when the text holds no exception or frame.</summary>
    public static IReadOnlyList<ExceptionText> Parse(string text)
    {
        var headers = new List<(string Type, List<string> Message)>();
        var sections = new List<List<StackFrameText>> { new() };
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (line.Length == 0)
            {
                continue;
            }

            if (FramePattern().Match(line) is { Success: true } frame)
            {
                sections[^1].Add(ParseFrame(line.Trim(), frame));
            }
            else if (line.Trim().StartsWith("--- End of inner exception stack trace", StringComparison.Ordinal))
            {
                sections.Add([]);
            }
            else if (line.Trim().StartsWith("---", StringComparison.Ordinal) && !line.Contains("--->", StringComparison.Ordinal))
            {
                // "--- End of stack trace from previous location ---": an async hop, same exception.
                continue;
            }
            else if (sections.Sum(s => s.Count) == 0)
            {
                ReadHeaderLine(line, headers);
            }
        }

        if (headers.Count == 0 && sections.All(s => s.Count == 0))
        {
            return [];
        }

        if (headers.Count == 0)
        {
            headers.Add(("(unknown exception)", []));
        }

        // Sections run innermost first: the first block of frames belongs to the last exception of the header chain.
        var exceptions = new List<ExceptionText>();
        for (var i = 0; i < headers.Count; i++)
        {
            var frames = i < sections.Count ? sections[i] : [];
            var (type, message) = headers[headers.Count - 1 - i];
            exceptions.Add(new ExceptionText(type, string.Join('\n', message).Trim(), frames));
        }

        return exceptions;
    }

    private static void ReadHeaderLine(string line, List<(string Type, List<string> Message)> headers)
    {
        var parts = line.Split("--->", StringSplitOptions.None);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = InnerPrefixPattern().Replace(parts[i].Trim(), "");
            if (i == 0 && headers.Count > 0 && !(HeaderPattern().Match(part) is { Success: true } h && LooksLikeExceptionType(h.Groups["type"].Value)))
            {
                headers[^1].Message.Add(part);
                continue;
            }

            var header = HeaderPattern().Match(part);
            if (header.Success && LooksLikeExceptionType(header.Groups["type"].Value))
            {
                headers.Add((header.Groups["type"].Value, [header.Groups["message"].Value]));
            }
            else if (headers.Count > 0)
            {
                headers[^1].Message.Add(part);
            }
        }
    }

    /// <summary>"Path: /tmp" inside a message is not an exception; a dotted name or an ...Exception suffix is.</summary>
    private static bool LooksLikeExceptionType(string type) =>
        type.Contains('.', StringComparison.Ordinal) || type.EndsWith("Exception", StringComparison.Ordinal);

    private static StackFrameText ParseFrame(string raw, Match match)
    {
        var method = match.Groups["method"].Value;
        var file = match.Groups["file"].Success ? match.Groups["file"].Value : null;
        int? line = match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture) : null;
        var open = method.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? method : method[..open];
        var parameters = open < 0 ? null : method[(open + 1)..].TrimEnd(')');
        name = GenericArgumentsPattern().Replace(name, "");
        var segments = SplitName(name);
        var methodName = segments[^1];
        var typeSegments = segments.Take(segments.Count - 1).ToList();

        // Undo compiler-generated names, innermost first: state machines, lambdas, local functions.
        if (typeSegments.Count > 0 && StateMachinePattern().Match(typeSegments[^1]) is { Success: true } stateMachine)
        {
            methodName = stateMachine.Groups[1].Value;
            typeSegments.RemoveAt(typeSegments.Count - 1);
        }

        if (typeSegments.Count > 0 && typeSegments[^1].StartsWith("<>c", StringComparison.Ordinal))
        {
            typeSegments.RemoveAt(typeSegments.Count - 1);
        }

        if (GeneratedMethodPattern().Match(methodName) is { Success: true } generated && generated.Groups[1].Value.Length > 0)
        {
            // <Outer>b__0_0 (lambda) or <Outer>g__Local|0_0 (local function): the user's method is Outer or Local.
            methodName = generated.Groups[2].Success ? generated.Groups[2].Value : generated.Groups[1].Value;
        }

        var typeName = string.Join('.', typeSegments);
        return new StackFrameText(raw, typeName, methodName, parameters, file, line);
    }

    /// <summary>Splits "A.B+C.&lt;M&gt;d__1.MoveNext" on dots outside angle brackets (generated names may hold dots).</summary>
    private static List<string> SplitName(string name)
    {
        var segments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < name.Length; i++)
        {
            depth += name[i] switch { '<' => 1, '>' => -1, _ => 0 };
            if (name[i] == '.' && depth == 0 && i > start)
            {
                segments.Add(name[start..i]);
                start = i + 1;
            }
        }

        segments.Add(name[start..]);
        return segments;
    }

    [GeneratedRegex(@"^\s*at (?<method>.+?)(?: in (?<file>.+):line (?<line>\d+))?$")]
    private static partial Regex FramePattern();

    [GeneratedRegex(@"^(?:Unhandled [Ee]xception\.\s*)?(?<type>[A-Za-z_][\w`]*(?:[.+][A-Za-z_][\w`]*)*):(?:\s(?<message>.*))?$")]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"^\(Inner Exception #\d+\)\s*")]
    private static partial Regex InnerPrefixPattern();

    [GeneratedRegex(@"\[[^\[\]]*\]$")]
    private static partial Regex GenericArgumentsPattern();

    [GeneratedRegex(@"^<([^>]+)>d__\d+$")]
    private static partial Regex StateMachinePattern();

    [GeneratedRegex(@"^<([^>]*)>(?:g__([^|]+)\|.*|[a-z]__.*)$")]
    private static partial Regex GeneratedMethodPattern();
}

using System.Text;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// A unified diff (3 lines of context) of two texts. The common prefix and suffix are cut first, so the quadratic
/// line matching only sees the changed middle, which is small for the edits CodeAssist makes.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;
    private const int MaxMiddleCells = 4_000_000;

    public static string Create(string oldText, string newText, string oldName, string newName)
    {
        var a = SplitLines(oldText);
        var b = SplitLines(newText);
        var operations = Operations(a, b);
        if (operations.All(o => o.Kind == ' '))
        {
            return "";
        }

        var builder = new StringBuilder();
        builder.Append("--- ").Append(oldName).Append('\n').Append("+++ ").Append(newName).Append('\n');
        var index = 0;
        while (index < operations.Count)
        {
            var firstChange = operations.FindIndex(index, o => o.Kind != ' ');
            if (firstChange < 0)
            {
                break;
            }

            var start = Math.Max(index, firstChange - Context);
            // Changes closer than two contexts apart share one hunk.
            var end = firstChange;
            while (operations.FindIndex(end + 1, o => o.Kind != ' ') is var next && next >= 0 && next - end <= Context * 2 + 1)
            {
                end = next;
            }

            var stop = Math.Min(operations.Count, end + Context + 1);
            var hunk = operations.GetRange(start, stop - start);
            var oldStart = hunk[0].OldLine;
            var newStart = hunk[0].NewLine;
            var oldCount = hunk.Count(o => o.Kind != '+');
            var newCount = hunk.Count(o => o.Kind != '-');
            builder.Append($"@@ -{(oldCount == 0 ? oldStart : oldStart + 1)},{oldCount} +{(newCount == 0 ? newStart : newStart + 1)},{newCount} @@\n");
            foreach (var operation in hunk)
            {
                builder.Append(operation.Kind).Append(operation.Text).Append('\n');
            }

            index = stop;
        }

        return builder.ToString();
    }

    private static List<(char Kind, string Text, int OldLine, int NewLine)> Operations(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        var operations = new List<(char, string, int, int)>();
        for (var i = 0; i < prefix; i++)
        {
            operations.Add((' ', a[i], i, i));
        }

        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        if ((long)n * m > MaxMiddleCells)
        {
            // Too big to match line by line: show the middle as replaced wholesale.
            for (var i = 0; i < n; i++)
            {
                operations.Add(('-', a[prefix + i], prefix + i, prefix));
            }

            for (var j = 0; j < m; j++)
            {
                operations.Add(('+', b[prefix + j], prefix + n, prefix + j));
            }
        }
        else
        {
            // Longest common subsequence of the middle, then walk it.
            var lcs = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
            {
                for (var j = m - 1; j >= 0; j--)
                {
                    lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[prefix + x] == b[prefix + y])
                {
                    operations.Add((' ', a[prefix + x], prefix + x, prefix + y));
                    x++;
                    y++;
                }
                else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
                {
                    // Removals before additions, as diff(1) prints them.
                    operations.Add(('-', a[prefix + x], prefix + x, prefix + y));
                    x++;
                }
                else
                {
                    operations.Add(('+', b[prefix + y], prefix + x, prefix + y));
                    y++;
                }
            }
        }

        for (var i = 0; i < suffix; i++)
        {
            operations.Add((' ', a[a.Length - suffix + i], a.Length - suffix + i, b.Length - suffix + i));
        }

        return operations;
    }

    private static string[] SplitLines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}

namespace CodeAssist.Bench.Completion;

/// <summary>Wrong variants of a true rest-of-line, as a model might produce them.</summary>
internal static class Corruption
{
    /// <summary>The hole with its leading identifier misspelled (two inner letters swapped, or one dropped if too short).</summary>
    public static string Misspell(string hole, string token)
    {
        string wrong;
        if (token.Length >= 4)
        {
            var i = token.Length / 2;
            wrong = token[..(i - 1)] + token[i] + token[i - 1] + token[(i + 1)..];
            if (wrong == token)
            {
                wrong = token[..i] + token[(i + 1)..];
            }
        }
        else
        {
            wrong = token + "x";
        }

        return wrong + hole[token.Length..];
    }

    /// <summary>
    /// The hole with one extra argument in the call that starts it (`Foo(a)` becomes `Foo(a, a)`; `Foo()` becomes
    /// `Foo(0, 0)`), or null when the hole does not start with a call closed on the same line.
    /// </summary>
    public static string? ExtraArgument(string hole, string token)
    {
        var open = token.Length;
        if (hole.Length <= open || hole[open] != '(')
        {
            return null;
        }

        var depth = 0;
        for (var index = open; index < hole.Length; index++)
        {
            switch (hole[index])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    if (depth == 0)
                    {
                        var arguments = hole[(open + 1)..index];
                        var extra = arguments.Trim().Length == 0 ? "0, 0" : arguments + ", " + arguments;
                        return hole[..(open + 1)] + extra + hole[index..];
                    }

                    break;
                case '"' or '\'':
                    return null;
            }
        }

        return null;
    }
}

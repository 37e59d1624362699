using CodeAssist.Features.Common;

namespace CodeAssist.Cli.Terminal;

/// <summary>Prints suggestions as numbered titles with unified diffs, and applies one to disk on request.</summary>
internal static class SuggestionPrinter
{
    public static void Print(CliEnvironment environment, IReadOnlyList<CodeSuggestion> suggestions, string baseDirectory)
    {
        for (var i = 0; i < suggestions.Count; i++)
        {
            var suggestion = suggestions[i];
            environment.Out.WriteLine($"[{i + 1}] {suggestion.Title}");
            foreach (var edit in suggestion.Edits)
            {
                environment.Out.Write(Diff(edit, baseDirectory));
            }

            environment.Out.WriteLine();
        }

        environment.Out.Flush();
    }

    public static string Diff(FileEdit edit, string baseDirectory)
    {
        var name = Path.GetRelativePath(baseDirectory, edit.FilePath).Replace('\\', '/');
        return UnifiedDiff.Create(edit.OldText, edit.NewText, "a/" + name, "b/" + name);
    }

    /// <summary>
    /// Writes the suggestion's files, refusing when a file changed on disk since it was read (the edit was computed
    /// against the old text and would silently undo the newer change).
    /// </summary>
    public static void Apply(CodeSuggestion suggestion)
    {
        foreach (var edit in suggestion.Edits)
        {
            var current = File.ReadAllText(edit.FilePath);
            if (current.ReplaceLineEndings("\n") != edit.OldText.ReplaceLineEndings("\n"))
            {
                throw new CliException(ExitCodes.Failure, $"{edit.FilePath} changed on disk while CodeAssist was working; nothing was written.");
            }
        }

        foreach (var edit in suggestion.Edits)
        {
            File.WriteAllText(edit.FilePath, edit.NewText);
        }
    }

    /// <summary>The plain-data shape of a suggestion in --json output.</summary>
    public static object ToJson(CodeSuggestion suggestion, string baseDirectory) => new
    {
        suggestion.Title,
        Source = suggestion.Source.ToString().ToLowerInvariant(),
        suggestion.Hint,
        Files = suggestion.Edits.Select(e => e.FilePath).ToList(),
        Diff = string.Concat(suggestion.Edits.Select(e => Diff(e, baseDirectory))),
    };
}

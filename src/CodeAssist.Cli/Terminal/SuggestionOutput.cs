using System.CommandLine;
using CodeAssist.Features.Common;

namespace CodeAssist.Cli.Terminal;

/// <summary>The end shared by `fix` and `refactor`: apply the picked suggestion, print JSON or the notice, choose the exit code.</summary>
internal static class SuggestionOutput
{
    /// <param name="diagnostic">The diagnostic being fixed (`fix`), written first in the JSON; null for `refactor`.</param>
    public static async Task<int> FinishAsync(
        CliEnvironment environment,
        ParseResult result,
        EditOptions edit,
        ModelOverrides overrides,
        IReadOnlyList<CodeSuggestion> suggestions,
        string? notice,
        IReadOnlyList<string> rejected,
        bool json,
        string baseDirectory,
        DiagnosticFact? diagnostic)
    {
        var applied = await ApplyAsync(environment, result, edit, suggestions, json);
        if (json)
        {
            var listed = suggestions.Select(s => SuggestionPrinter.ToJson(s, baseDirectory)).ToList();
            JsonOutput.Write(environment.Out, diagnostic is null
                ? new { Suggestions = listed, Notice = notice, Rejected = rejected, Applied = applied }
                : new { Diagnostic = diagnostic, Suggestions = listed, Notice = notice, Rejected = rejected, Applied = applied });
        }
        else if (notice is not null)
        {
            await environment.Error.WriteLineAsync(notice);
        }

        return overrides.RequiresModel && !suggestions.Any(s => s.Source == SuggestionSource.Model) && rejected.Count == 0
            ? ExitCodes.ModelUnavailable
            : ExitCodes.Ok;
    }

    /// <summary>Applies the picked suggestion when --apply is given; returns its 1-based number or null.</summary>
    private static async Task<int?> ApplyAsync(CliEnvironment environment, ParseResult result, EditOptions edit, IReadOnlyList<CodeSuggestion> suggestions, bool json)
    {
        if (suggestions.Count == 0)
        {
            await environment.Error.WriteLineAsync("No suggestion passed verification.");
            return null;
        }

        if (!result.GetValue(edit.Apply))
        {
            if (!json)
            {
                await environment.Error.WriteLineAsync("Run again with --apply (and --pick N) to write a suggestion.");
            }

            return null;
        }

        var pick = result.GetValue(edit.Pick);
        if (pick < 1 || pick > suggestions.Count)
        {
            throw new CliException(ExitCodes.BadArguments, $"--pick {pick}: choose 1 to {suggestions.Count}.");
        }

        SuggestionPrinter.Apply(suggestions[pick - 1]);
        await environment.Error.WriteLineAsync($"Applied [{pick}] {suggestions[pick - 1].Title.TrimEnd('.')}.");
        return pick;
    }
}

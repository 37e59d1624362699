using System.CommandLine;
using CodeAssist.Cli.Terminal;

namespace CodeAssist.Cli.Commands;

/// <summary>
/// The shape `fix` and `refactor` share: a PATH argument, their own options, the assist and edit options, and the
/// document loaded around PATH before the command's own work (<see cref="SuggestionRun"/>) starts.
/// </summary>
internal static class SuggestionCommand
{
    /// <param name="linesRequiredTo">When set, PATH must name lines: the verb for the error that says so ("refactor").</param>
    public static Command Create(
        CliEnvironment environment,
        string name,
        string description,
        Argument<string> target,
        IReadOnlyList<Option> ownOptions,
        string? linesRequiredTo,
        Func<SuggestionRun, CancellationToken, Task<int>> run)
    {
        var options = new AssistOptions();
        var edit = new EditOptions();
        var command = new Command(name, description);
        command.Arguments.Add(target);
        foreach (var option in ownOptions)
        {
            command.Options.Add(option);
        }

        options.AddTo(command);
        edit.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, name, async () =>
        {
            var position = SourcePosition.Parse(result.GetValue(target) ?? "");
            if (linesRequiredTo is not null && position.StartLine is null)
            {
                throw new CliException(ExitCodes.BadArguments, $"give the lines to {linesRequiredTo}: {position.Path}:LINE-LINE.");
            }

            var overrides = options.Overrides(result);
            var status = new StatusDisplay(environment);
            var (workspace, document) = await DocumentResolver.LoadAsync(position.Path, result.GetValue(options.MsBuild), status, cancellationToken);
            using (workspace)
            {
                var text = await document.GetTextAsync(cancellationToken);
                var span = SourceSpans.Lines(text, position);
                return await run(new SuggestionRun(environment, result, options, edit, overrides, status, position, document, span), cancellationToken);
            }
        }));
        return command;
    }
}

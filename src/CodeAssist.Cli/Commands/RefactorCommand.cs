using System.CommandLine;
using CodeAssist.Cli.Terminal;
using CodeAssist.Features.Common;
using CodeAssist.Features.Configuration;
using CodeAssist.Features.Refactor;

namespace CodeAssist.Cli.Commands;

internal static class RefactorCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var target = new Argument<string>("PATH:LINE[-LINE]") { Description = "A C# file and the lines to refactor." };
        var allowSignatures = new Option<bool>("--allow-signature-changes") { Description = "Let the model change public and protected signatures." };
        var request = new Option<string?>("--request") { Description = "What you want, in words (e.g. \"use LINQ\")." };
        var options = new AssistOptions();
        var edit = new EditOptions();
        var command = new Command("refactor", "Suggest refactorings for PATH:LINE-LINE: a verified rewrite from the model and Roslyn's refactorings.");
        command.Arguments.Add(target);
        command.Options.Add(allowSignatures);
        command.Options.Add(request);
        options.AddTo(command);
        edit.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, "refactor", async () =>
        {
            var position = SourcePosition.Parse(result.GetValue(target) ?? "");
            if (position.StartLine is null)
            {
                throw new CliException(ExitCodes.BadArguments, $"give the lines to refactor: {position.Path}:LINE-LINE.");
            }

            var overrides = options.Overrides(result);
            var json = result.GetValue(options.Json);
            var status = new StatusDisplay(environment);
            var (workspace, document) = await DocumentResolver.LoadAsync(position.Path, result.GetValue(options.MsBuild), status, cancellationToken);
            using (workspace)
            {
                var text = await document.GetTextAsync(cancellationToken);
                var span = SourceSpans.Lines(text, position)!.Value;
                using var session = AssistSession.Create(environment, overrides, AssistSession.WorkspaceRoot(document), result.GetValue(options.NoCache));
                await session.WaitForModelAsync(RefactorService.Feature, status, cancellationToken);
                var service = new RefactorService(session.ModelsFor(document), session.Cache, session.Prompts, environment.TimeProvider, session.Exclusion);
                // The flag, or the same setting the editors use (user settings, the workspace's .codeassist.json).
                var allowed = result.GetValue(allowSignatures) || AllowedBySettings(AssistSession.WorkspaceRoot(document));
                var report = await status.RunAsync("Looking for refactorings...", () => service.SuggestAsync(
                    document, span, allowed, result.GetValue(request), includeRoslyn: true, cancellationToken));
                var baseDirectory = Directory.GetCurrentDirectory();
                if (!json)
                {
                    SuggestionPrinter.Print(environment, report.Suggestions, baseDirectory);
                }

                return await SuggestionOutput.FinishAsync(
                    environment, result, edit, overrides, report.Suggestions, report.Notice, report.Rejected, json, baseDirectory, diagnostic: null);
            }
        }));
        return command;
    }

    // Problems in the settings files are reported once, where the models are created from the same files.
    private static bool AllowedBySettings(string? workspaceRoot) =>
        CliSettings.Load(workspaceRoot).Options.Refactor.AllowSignatureChanges;
}

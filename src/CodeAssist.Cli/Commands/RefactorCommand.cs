using System.CommandLine;
using CodeAssist.Cli.Terminal;
using CodeAssist.Features.Refactor;

namespace CodeAssist.Cli.Commands;

internal static class RefactorCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var allowSignatures = new Option<bool>("--allow-signature-changes") { Description = "Let the model change public and protected signatures." };
        var request = new Option<string?>("--request") { Description = "What you want, in words (e.g. \"use LINQ\")." };
        return SuggestionCommand.Create(
            environment,
            "refactor",
            "Suggest refactorings for PATH:LINE-LINE: a verified rewrite from the model and Roslyn's refactorings.",
            new Argument<string>("PATH:LINE[-LINE]") { Description = "A C# file and the lines to refactor." },
            [allowSignatures, request],
            linesRequiredTo: "refactor",
            async (run, cancellationToken) =>
            {
                using var session = await run.StartSessionAsync(RefactorService.Feature, cancellationToken);
                var service = new RefactorService(session.ModelsFor(run.Document), session.Cache, session.Prompts, run.Environment.TimeProvider, session.Exclusion);

                // The flag, or the same setting the editors use (user settings, the workspace's .codeassist.json).
                var allowed = run.Result.GetValue(allowSignatures) || AllowedBySettings(AssistSession.WorkspaceRoot(run.Document));
                var report = await run.Status.RunAsync("Looking for refactorings...", () => service.SuggestAsync(
                    run.Document, run.Span!.Value, allowed, run.Result.GetValue(request), includeRoslyn: true, cancellationToken));
                return await run.FinishAsync(report.Suggestions, report.Notice, report.Rejected, diagnostic: null);
            });
    }

    // Problems in the settings files are reported once, where the models are created from the same files.
    private static bool AllowedBySettings(string? workspaceRoot) =>
        CliSettings.Load(workspaceRoot).Options.Refactor.AllowSignatureChanges;
}

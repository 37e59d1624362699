using System.CommandLine;
using CodeAssist.Cli.Terminal;
using CodeAssist.Features.Fix;

namespace CodeAssist.Cli.Commands;

internal static class FixCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var id = new Option<string?>("--id") { Description = "Fix this diagnostic id (e.g. CS0103) when several are on the line." };
        return SuggestionCommand.Create(
            environment,
            "fix",
            "Fix a compiler diagnostic at PATH[:LINE]: Roslyn's code fixes, then a compiler-verified fix from the model.",
            new Argument<string>("PATH[:LINE]") { Description = "A C# file, optionally with the line of the diagnostic to fix." },
            [id],
            linesRequiredTo: null,
            (run, cancellationToken) => RunAsync(run, run.Result.GetValue(id), cancellationToken));
    }

    private static async Task<int> RunAsync(SuggestionRun run, string? wanted, CancellationToken cancellationToken)
    {
        var (environment, position) = (run.Environment, run.Position);
        var diagnostics = await FixService.DiagnosticsAsync(run.Document, run.Span, cancellationToken);
        var diagnostic = diagnostics.FirstOrDefault(d => wanted is null || string.Equals(d.Id, wanted, StringComparison.OrdinalIgnoreCase));
        if (diagnostic is null)
        {
            var where = run.Span is null ? Path.GetFileName(position.Path) : $"line {position.StartLine} of {Path.GetFileName(position.Path)}";
            await environment.Error.WriteLineAsync($"No {wanted ?? "error or warning"} on {where}; nothing to fix.");
            if (run.Json)
            {
                JsonOutput.Write(environment.Out, new { Diagnostic = (object?)null, Suggestions = Array.Empty<object>() });
            }

            return ExitCodes.Ok;
        }

        using var session = await run.StartSessionAsync(FixService.Feature, cancellationToken);
        var service = new FixService(session.ModelsFor(run.Document), session.Cache, session.Prompts, environment.TimeProvider, session.Exclusion);
        var report = await run.Status.RunAsync($"Fixing {diagnostic.Id}...", () => service.FixAsync(run.Document, diagnostic, cancellationToken));
        var fact = report.Diagnostic;
        if (!run.Json)
        {
            environment.Out.WriteLine($"{fact.Severity} {fact.Id} at {Path.GetFileName(position.Path)}:{fact.Line}:{fact.Column}: {fact.Message}");
            environment.Out.WriteLine();
        }

        return await run.FinishAsync(report.Suggestions, report.Notice, report.Rejected, fact);
    }
}

using System.CommandLine;
using CodeAssist.Cli.Terminal;
using CodeAssist.Features.Common;
using CodeAssist.Features.Fix;

namespace CodeAssist.Cli.Commands;

internal static class FixCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var target = new Argument<string>("PATH[:LINE]") { Description = "A C# file, optionally with the line of the diagnostic to fix." };
        var id = new Option<string?>("--id") { Description = "Fix this diagnostic id (e.g. CS0103) when several are on the line." };
        var options = new AssistOptions();
        var edit = new EditOptions();
        var command = new Command("fix", "Fix a compiler diagnostic at PATH[:LINE]: Roslyn's code fixes, then a compiler-verified fix from the model.");
        command.Arguments.Add(target);
        command.Options.Add(id);
        options.AddTo(command);
        edit.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, "fix", async () =>
        {
            var position = SourcePosition.Parse(result.GetValue(target) ?? "");
            var overrides = options.Overrides(result);
            var json = result.GetValue(options.Json);
            var status = new StatusDisplay(environment);
            var (workspace, document) = await DocumentResolver.LoadAsync(position.Path, result.GetValue(options.MsBuild), status, cancellationToken);
            using (workspace)
            {
                var text = await document.GetTextAsync(cancellationToken);
                var span = SourceSpans.Lines(text, position);
                var diagnostics = await FixService.DiagnosticsAsync(document, span, cancellationToken);
                var wanted = result.GetValue(id);
                var diagnostic = diagnostics.FirstOrDefault(d => wanted is null || string.Equals(d.Id, wanted, StringComparison.OrdinalIgnoreCase));
                if (diagnostic is null)
                {
                    var where = span is null ? Path.GetFileName(position.Path) : $"line {position.StartLine} of {Path.GetFileName(position.Path)}";
                    await environment.Error.WriteLineAsync($"No {wanted ?? "error or warning"} on {where}; nothing to fix.");
                    if (json)
                    {
                        JsonOutput.Write(environment.Out, new { Diagnostic = (object?)null, Suggestions = Array.Empty<object>() });
                    }

                    return ExitCodes.Ok;
                }

                using var session = AssistSession.Create(environment, overrides, AssistSession.WorkspaceRoot(document), result.GetValue(options.NoCache));
                await session.WaitForModelAsync(FixService.Feature, status, cancellationToken);
                var service = new FixService(session.ModelsFor(document), session.Cache, session.Prompts, environment.TimeProvider, session.Exclusion);
                var report = await status.RunAsync($"Fixing {diagnostic.Id}...", () => service.FixAsync(document, diagnostic, cancellationToken));
                var baseDirectory = Directory.GetCurrentDirectory();
                var fact = report.Diagnostic;
                if (!json)
                {
                    environment.Out.WriteLine($"{fact.Severity} {fact.Id} at {Path.GetFileName(position.Path)}:{fact.Line}:{fact.Column}: {fact.Message}");
                    environment.Out.WriteLine();
                    SuggestionPrinter.Print(environment, report.Suggestions, baseDirectory);
                }

                return await SuggestionOutput.FinishAsync(
                    environment, result, edit, overrides, report.Suggestions, report.Notice, report.Rejected, json, baseDirectory, fact);
            }
        }));
        return command;
    }
}

using System.CommandLine;
using CodeAssist.Cli.Terminal;
using CodeAssist.Features.Explain;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Cli.Commands;

internal static class ExplainCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var target = new Argument<string>("PATH[:LINE[-LINE]]") { Description = "A C# file, optionally with a line or an inclusive line range." };
        var options = new AssistOptions();
        var command = new Command("explain", "Explain code at PATH[:LINE[-LINE]] (Roslyn facts; a model's explanation when one is configured).");
        command.Arguments.Add(target);
        options.AddTo(command);
        command.Options.Add(options.Format);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, "explain", () =>
            RunAsync(environment, result, target, options, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, ParseResult result, Argument<string> target, AssistOptions options, CancellationToken cancellationToken)
    {
        var position = SourcePosition.Parse(result.GetValue(target) ?? "");
        var overrides = options.Overrides(result);
        var json = result.GetValue(options.Json);
        var status = new StatusDisplay(environment);
        var (workspace, document) = await DocumentResolver.LoadAsync(position.Path, result.GetValue(options.MsBuild), status, cancellationToken).ConfigureAwait(false);
        using (workspace)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var span = SourceSpans.Lines(text, position) ?? new TextSpan(0, text.Length);
            using var session = AssistSession.Create(environment, overrides, AssistSession.WorkspaceRoot(document), result.GetValue(options.NoCache));
            await session.WaitForModelAsync(ExplainService.Feature, status, cancellationToken).ConfigureAwait(false);

            var service = new ExplainService(session.ModelsFor(document), session.Cache, session.Prompts, environment.TimeProvider, session.Exclusion);
            var writer = options.Writer(environment, result);
            var explanation = await service.ExplainAsync(document, span, writer, cancellationToken).ConfigureAwait(false);
            writer.Complete(explanation.Check?.RawText ?? explanation.Markdown);
            if (!json)
            {
                CheckedNamesPrinter.Print(environment, explanation.Check);
            }

            if (json)
            {
                JsonOutput.Write(environment.Out, explanation);
            }
            else if (explanation.Provider is { } provider)
            {
                await environment.Error.WriteLineAsync($"codeassist: answered by provider '{provider}'.").ConfigureAwait(false);
            }

            return overrides.RequiresModel && explanation.ModelId is null ? ExitCodes.ModelUnavailable : ExitCodes.Ok;
        }
    }
}

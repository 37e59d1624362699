using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CodeAssist.Cli.Terminal;
using CodeAssist.Context;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Cli.Commands;

/// <summary>
/// <c>codeassist complete FILE:LINE:COL [--json]</c>: the inline suggestion at a position (1-based line and column),
/// through the same pipeline as the server. With no model configured it answers from Roslyn alone.
/// </summary>
internal static class CompleteCommand
{
    /// <summary>The feature whose model settings apply (features.completion.*), as the server names it.</summary>
    private const string Feature = "completion";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Create(CliEnvironment environment)
    {
        var location = new Argument<string>("FILE:LINE:COL") { Description = "A C# file and a 1-based line and column." };
        var json = new Option<bool>("--json") { Description = "Print the items as JSON." };
        var provider = new Option<string?>("--provider") { Description = ModelFlagTexts.Provider };
        var model = new Option<string?>("--model") { Description = ModelFlagTexts.Model };
        var endpoint = new Option<string?>("--endpoint") { Description = ModelFlagTexts.Endpoint };
        var command = new Command("complete", "Print the inline suggestion at FILE:LINE:COL (1-based line and column), through the same pipeline as the editor.")
        {
            location, json, provider, model, endpoint,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, "complete", () => RunAsync(
            environment,
            result.GetValue(location)!,
            result.GetValue(json),
            new ModelOverrides(result.GetValue(provider), result.GetValue(model), result.GetValue(endpoint)),
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, string location, bool json, ModelOverrides overrides, CancellationToken cancellationToken)
    {
        var (path, line, column) = ParseLocation(location);
        var status = new StatusDisplay(environment);
        var (workspace, document) = await DocumentResolver.LoadAsync(path, useMsBuild: false, status, cancellationToken).ConfigureAwait(false);
        using (workspace)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (line < 1 || line > text.Lines.Count || column < 1 || column - 1 > text.Lines[line - 1].Span.Length)
            {
                throw new CliException(ExitCodes.NotFound, $"{line}:{column} is outside {path}");
            }

            var position = text.Lines[line - 1].Start + column - 1;
            using var session = AssistSession.Create(environment, overrides, AssistSession.WorkspaceRoot(document), noCache: true);
            await session.WaitForCompletionModelAsync(Feature, status, cancellationToken).ConfigureAwait(false);
            if (session.Models.Status.State == ModelState.Failed)
            {
                await environment.Error.WriteLineAsync($"codeassist complete: {session.Models.Status.Message}").ConfigureAwait(false);
            }

            var exclusions = new ContentExclusions();
            exclusions.Update(session.Exclusion);
            var options = session.Options;
            using var service = new InlineCompletionService(session.Models, new ContextCollector(exclusions: exclusions), () => options, exclusions: exclusions);
            var request = new InlineCompletionRequest(document, position, Explicit: true);
            var completion = await service.GetCompletionsAsync(request, cancellationToken).ConfigureAwait(false);
            if (completion.Items.Count == 0 && service.GetStatistics().WithheldUnverified > 0)
            {
                // One shot, no next keystroke: wait for the check that ran past its budget and take its result.
                await service.LateChecks.WaitAsync(cancellationToken).ConfigureAwait(false);
                completion = await service.GetCompletionsAsync(request, cancellationToken).ConfigureAwait(false);
            }

            return await WriteAsync(environment, completion, text, json).ConfigureAwait(false);
        }
    }

    private static async Task<int> WriteAsync(CliEnvironment environment, InlineCompletionResult completion, SourceText text, bool json)
    {
        if (json)
        {
            await environment.Out.WriteLineAsync(JsonSerializer.Serialize(new { completion.Items, completion.Message }, JsonOptions)).ConfigureAwait(false);
            return completion.Items.Count > 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }

        if (completion.Message is not null)
        {
            await environment.Error.WriteLineAsync(completion.Message).ConfigureAwait(false);
        }

        if (completion.Items.Count == 0)
        {
            await environment.Error.WriteLineAsync("No suggestion here.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var best = completion.Items[0];
        var typed = text.ToString(TextSpan.FromBounds(best.ReplaceStart, best.ReplaceEnd));
        await environment.Out.WriteLineAsync(best.InsertText.StartsWith(typed, StringComparison.Ordinal) ? best.InsertText[typed.Length..] : best.InsertText)
            .ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static (string Path, int Line, int Column) ParseLocation(string location)
    {
        var parts = location.Split(':');
        if (parts.Length < 3
            || !int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var column))
        {
            throw new CliException(ExitCodes.BadArguments, $"expected FILE:LINE:COL, got '{location}'");
        }

        return (string.Join(':', parts[..^2]), line, column);
    }
}

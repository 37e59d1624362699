using System.CommandLine;
using CodeAssist.Cli.Terminal;
using CodeAssist.Context.Workspace;
using CodeAssist.Features.StackTraces;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Cli.Commands;

internal static class DebugCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var stackTrace = new Option<string>("--stack-trace") { Description = "File holding the exception text, or - for stdin.", Required = true };
        var workspaceOption = new Option<string?>("--workspace") { Description = "Folder of the project the trace comes from (default: the current folder)." };
        var options = new AssistOptions();
        var command = new Command("debug", "Analyze a .NET exception and stack trace: frames mapped to your code, likely cause and fix.");
        command.Options.Add(stackTrace);
        command.Options.Add(workspaceOption);
        options.AddTo(command);
        command.Options.Add(options.Format);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, "debug", async () =>
        {
            var traceText = await ReadTraceAsync(environment, result.GetValue(stackTrace)!);
            var parsed = StackTraceParser.Parse(traceText);
            if (parsed.Count == 0)
            {
                throw new CliException(ExitCodes.BadArguments, "no .NET exception or stack frame found in the input; pass the whole Exception.ToString() text.");
            }

            var overrides = options.Overrides(result);
            var json = result.GetValue(options.Json);
            var status = new StatusDisplay(environment);
            var explicitRoot = result.GetValue(workspaceOption);
            var root = Path.GetFullPath(explicitRoot ?? Directory.GetCurrentDirectory());
            if (!Directory.Exists(root))
            {
                throw new CliException(ExitCodes.NotFound, $"no such folder: '{explicitRoot}'.");
            }

            var projects = ProjectsFor(root, parsed);
            if (projects.Count == 0)
            {
                if (explicitRoot is not null)
                {
                    throw new CliException(ExitCodes.NotFound, $"'{explicitRoot}' is a directory without a C# project (.csproj), and no frame points into one.");
                }

                await environment.Error.WriteLineAsync($"No C# project in {root} or the trace's files; frames are shown unresolved.");
            }

            using var workspace = await status.RunAsync("Loading the workspace...", () => Task.Run(() => AdHocWorkspaces.Load(projects, []), cancellationToken));
            using var session = AssistSession.Create(environment, overrides, root, result.GetValue(options.NoCache));
            await session.WaitForModelAsync(StackTraceService.Feature, status, cancellationToken);
            var service = new StackTraceService(session.Models, session.Cache, session.Prompts, session.Exclusion);
            var writer = options.Writer(environment, result);
            var report = await service.AnalyzeAsync(workspace.CurrentSolution, traceText, writer, cancellationToken);
            writer.Complete(report.Check?.RawText ?? report.Markdown);
            if (json)
            {
                JsonOutput.Write(environment.Out, report);
            }
            else
            {
                CheckedNamesPrinter.Print(environment, report.Check);
                if (report.Provider is { } provider)
                {
                    await environment.Error.WriteLineAsync($"codeassist: answered by provider '{provider}'.").ConfigureAwait(false);
                }
            }

            return overrides.RequiresModel && report.ModelId is null ? ExitCodes.ModelUnavailable : ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<string> ReadTraceAsync(CliEnvironment environment, string source)
    {
        if (source == "-")
        {
            return await environment.In.ReadToEndAsync();
        }

        if (!File.Exists(source))
        {
            throw new CliException(ExitCodes.NotFound, $"no such file: '{source}'.");
        }

        return await File.ReadAllTextAsync(source);
    }

    /// <summary>The project around the root, plus the projects of every frame file that exists here.</summary>
    private static List<string> ProjectsFor(string root, IReadOnlyList<ExceptionText> exceptions)
    {
        var projects = new List<string>();
        if (AdHocWorkspaces.FindProjectFile(root) is { } rootProject)
        {
            projects.Add(rootProject);
        }

        foreach (var file in exceptions.SelectMany(e => e.Frames).Select(f => f.FilePath).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (File.Exists(file) && AdHocWorkspaces.FindProjectFile(Path.GetDirectoryName(file)!) is { } project && !projects.Contains(project))
            {
                projects.Add(project);
            }
        }

        return projects;
    }
}

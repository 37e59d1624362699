using System.CommandLine;
using System.CommandLine.Help;

namespace CodeAssist.Cli.Terminal;

/// <summary>Runs a command body, turning <see cref="CliException"/> into its message and exit code.</summary>
internal static class CommandRunner
{
    /// <summary>Parses and invokes; a parse error (unknown option, missing argument) exits with 2, not System.CommandLine's 1.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, CliEnvironment environment)
    {
        var trustWorkspace = new Option<bool>(CliSettings.TrustWorkspaceFlag)
        {
            Description = "Obey the folder's .codeassist.json in full (endpoints, native libraries, model paths elsewhere): trust it for this run.",
            Recursive = true,
        };
        root.Options.Add(trustWorkspace);
        var parseResult = root.Parse(args);
        CliSettings.TrustWorkspace = parseResult.GetValue(trustWorkspace);
        var configuration = new InvocationConfiguration { Output = environment.Out, Error = environment.Error };

        if (parseResult.Action is HelpAction)
        {
            var finalOutput = configuration.Output;
            using var help = new StringWriter();
            configuration.Output = help;
            await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
            await finalOutput.WriteAsync(HelpText.Tidy(help.ToString())).ConfigureAwait(false);
            await finalOutput.FlushAsync().ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var exitCode = await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
        return parseResult.Errors.Count > 0 ? ExitCodes.BadArguments : exitCode;
    }

    public static async Task<int> RunAsync(CliEnvironment environment, string commandName, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliException exception)
        {
            await environment.Error.WriteLineAsync($"codeassist {commandName}: {exception.Message}").ConfigureAwait(false);
            return exception.ExitCode;
        }
    }
}

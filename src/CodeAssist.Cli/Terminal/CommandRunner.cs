namespace CodeAssist.Cli.Terminal;

/// <summary>Runs a command body, turning <see cref="CliException"/> into its message and exit code.</summary>
internal static class CommandRunner
{
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

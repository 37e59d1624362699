using System.CommandLine;
using CodeAssist.Cli.Commands;
using CodeAssist.Cli.Terminal;

namespace CodeAssist.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var environment = CliEnvironment.FromConsole();

        // Exit code 2 means bad arguments for every command (System.CommandLine itself returns 1).
        return await CommandRunner.InvokeAsync(CreateRootCommand(environment), args, environment);
    }

    /// <summary>
    /// The index of commands; each lives in its own file under Commands/. The terminal commands talk to the
    /// terminal only through <paramref name="environment"/> (tests run this same index on captured streams);
    /// serve and watchdog own the process's raw stdin and stdout.
    /// </summary>
    internal static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var root = new RootCommand("CodeAssist: a Roslyn-grounded coding assistant for C# (language server and CLI).");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ContextCommand.Create(environment));
        root.Subcommands.Add(ExplainCommand.Create(environment));
        root.Subcommands.Add(FixCommand.Create(environment));
        root.Subcommands.Add(RefactorCommand.Create(environment));
        root.Subcommands.Add(DebugCommand.Create(environment));
        root.Subcommands.Add(CompleteCommand.Create(environment));
        root.Subcommands.Add(ConfigCommand.Create(environment));
        root.Subcommands.Add(ModelsCommand.Create(environment));
        root.Subcommands.Add(WatchdogCommand.Create());
        return root;
    }
}

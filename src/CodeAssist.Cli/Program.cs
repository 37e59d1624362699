using System.CommandLine;
using CodeAssist.Cli.Commands;

namespace CodeAssist.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("CodeAssist: a Roslyn-grounded coding assistant for C# (language server and CLI).");

        // The index of commands; each lives in its own file under Commands/.
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ContextCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(FixCommand.Create());
        root.Subcommands.Add(RefactorCommand.Create());
        root.Subcommands.Add(DebugCommand.Create());
        root.Subcommands.Add(CompleteCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(WatchdogCommand.Create());

        // Exit code 2 means bad arguments for every command (System.CommandLine itself returns 1).
        return await Terminal.CommandRunner.InvokeAsync(root, args);
    }
}

using System.CommandLine;
using CodeAssist.Cli.Hosting;

namespace CodeAssist.Cli.Commands;

/// <summary>`codeassist watchdog &lt;pid&gt;`: hidden; `serve` starts it to end its children if it is killed (see <see cref="ChildProcessWatchdog"/>).</summary>
internal static class WatchdogCommand
{
    public static Command Create()
    {
        var serverPid = new Argument<int>("server-pid") { Description = "The server process to watch." };
        var verbose = new Option<bool>(ChildProcessGuard.VerboseOption) { Description = "Report each watched process and the sweep on stderr." };
        var command = new Command(ChildProcessGuard.WatchdogCommand, "Internal: ends a server's child processes when the server ends.")
        {
            serverPid,
            verbose,
        };
        command.Hidden = true;
        command.SetAction(async (parseResult, _) =>
        {
            // The server's death is the only thing that ends this command, so the action's cancellation is ignored.
            await using var pipe = Console.OpenStandardInput();
            var report = parseResult.GetValue(verbose) ? Console.Error : null;
            return await ChildProcessWatchdog.RunAsync(parseResult.GetValue(serverPid), pipe, report, TimeProvider.System);
        });
        return command;
    }
}

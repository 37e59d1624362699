using System.CommandLine;
using CodeAssist.Cli.Terminal;
using CodeAssist.Cli.Hosting;
using CodeAssist.Features.Configuration;
using CodeAssist.Server.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var logFile = new Option<string?>("--log-file") { Description = "Also write logs to this file." };
        var logLevel = new Option<string?>("--log-level") { Description = "off | error | warning | info | debug | trace." };
        var stdio = new Option<bool>("--stdio") { Description = "Use stdio (the default and only transport; accepted for LSP clients that pass it)." };
        var command = new Command("serve", "Start the language server on stdio.")
        {
            logFile,
            logLevel,
            stdio,
        };

        // LSP clients add their own flags (e.g. --clientProcessId); they must not stop the server.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // Before anything else: stdout belongs to JSON-RPC, so a stray Console.WriteLine lands on stderr.
            var output = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            var input = Console.OpenStandardInput();

            var commandLine = new Dictionary<string, string>(StringComparer.Ordinal);
            if (parseResult.GetValue(logFile) is { } path)
            {
                commandLine["logFile"] = Path.GetFullPath(path);
            }

            if (parseResult.GetValue(logLevel) is { } level)
            {
                commandLine["trace"] = level;
            }

            var services = ServerComposition.Build(new OptionsLoader(), new OptionsSources { CommandLine = commandLine, WorkspaceTrusted = CliSettings.WorkspaceTrusted });

            // On the way out, after the services (the workspace may still start a build host while it shuts down), the
            // server's children are killed: a build host has nothing to save. The watchdog it starts covers the exits
            // that never get here (SIGKILL, a crash).
            using var children = ChildProcessGuard.Start(services.GetRequiredService<ILoggerFactory>().CreateLogger("CodeAssist.Hosting"));
            try
            {
                return await LanguageServerHost.RunAsync(input, output, services, cancellationToken);
            }
            finally
            {
                await services.DisposeAsync();
            }
        });
        return command;
    }
}

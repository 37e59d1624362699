using Spectre.Console;

namespace CodeAssist.Cli.Terminal;

/// <summary>A spinner on stderr while something slow runs (workspace or model loading); silent when stderr is not a terminal.</summary>
internal sealed class StatusDisplay(CliEnvironment environment)
{
    private readonly IAnsiConsole? _console = environment.ErrorIsTerminal
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Error) })
        : null;

    public async Task<T> RunAsync<T>(string message, Func<Task<T>> work)
    {
        if (_console is null)
        {
            return await work().ConfigureAwait(false);
        }

        return await _console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(message), _ => work()).ConfigureAwait(false);
    }
}

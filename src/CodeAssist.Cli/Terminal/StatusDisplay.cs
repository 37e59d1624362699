using System.Globalization;
using Spectre.Console;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// Says on stderr what is loading (workspace, model) and for how long, so that no run is silent while it waits: a
/// spinner with the elapsed seconds on a terminal, a line a second when stderr is redirected (a CI log or a file),
/// and nothing at all for work that ends within the first second.
/// </summary>
internal sealed class StatusDisplay(CliEnvironment environment)
{
    /// <summary>How often the status is refreshed; the first line waits this long, so fast work prints nothing.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task<T> RunAsync<T>(string message, Func<Task<T>> work)
    {
        var started = environment.TimeProvider.GetTimestamp();
        string Elapsed() => Seconds(environment.TimeProvider.GetElapsedTime(started));
        if (environment.ErrorIsTerminal)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Error) });
            return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(message), async context =>
            {
                using var timer = environment.TimeProvider.CreateTimer(
                    _ => context.Status = Markup.Escape($"{message} {Elapsed()}"), null, Interval, Interval);
                return await work().ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        var gate = new object();
        var linesWritten = 0;
        var finished = false;
        using (environment.TimeProvider.CreateTimer(_ => WriteLine($"{message} {Elapsed()}"), null, Interval, Interval))
        {
            try
            {
                return await work().ConfigureAwait(false);
            }
            finally
            {
                lock (gate)
                {
                    finished = true;
                    if (linesWritten > 0)
                    {
                        environment.Error.WriteLine($"codeassist: {message} done in {Elapsed()}.");
                        environment.Error.Flush();
                    }
                }
            }
        }

        // The timer fires on the thread pool: a tick racing the end of the work must not print after "done".
        void WriteLine(string line)
        {
            lock (gate)
            {
                if (finished)
                {
                    return;
                }

                linesWritten++;
                environment.Error.WriteLine("codeassist: " + line);
                environment.Error.Flush();
            }
        }
    }

    private static string Seconds(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalSeconds} s");
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Cli.Hosting;

/// <summary>
/// Makes the processes `serve` starts (MSBuild's BuildHost, anything it starts) end with the server. On a normal
/// exit <see cref="Dispose"/> kills them; for the exits the server cannot see (SIGKILL, a crash) it starts the
/// watchdog (<see cref="ChildProcessWatchdog"/>) beside itself, which holds the other end of a pipe from this process.
/// Linux only (it reads /proc); elsewhere it does nothing.
/// </summary>
internal sealed class ChildProcessGuard : IDisposable
{
    /// <summary>The hidden command that runs the watchdog.</summary>
    public const string WatchdogCommand = "watchdog";

    /// <summary>Asks the watchdog to report on stderr (set when the server logs at debug level).</summary>
    public const string VerboseOption = "--verbose";

    private readonly Process? _watchdog;

    private ChildProcessGuard(Process? watchdog)
    {
        _watchdog = watchdog;
    }

    public static ChildProcessGuard Start(ILogger logger)
    {
        if (!ProcessTree.IsSupported || Environment.ProcessPath is not { } host)
        {
            return new ChildProcessGuard(null);
        }

        // Stdin is the pipe whose end tells the watchdog the server is gone; stdout is redirected too, because this
        // process's stdout carries JSON-RPC and nothing else may write to it. Stderr is shared for its rare logs.
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(ChildProcessGuard).Assembly.Location);
        }

        start.ArgumentList.Add(WatchdogCommand);
        start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (logger.IsEnabled(LogLevel.Debug))
        {
            start.ArgumentList.Add(VerboseOption);
        }

        try
        {
            var watchdog = Process.Start(start);
            if (watchdog is not null)
            {
                HostingLog.WatchdogStarted(logger, watchdog.Id);
            }

            return new ChildProcessGuard(watchdog);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            HostingLog.WatchdogFailed(logger, e);
            return new ChildProcessGuard(null);
        }
    }

    public void Dispose()
    {
        var watchdogPid = _watchdog?.Id;
        ProcessTree.Kill(ProcessTree.Descendants([Environment.ProcessId]).Where(identity => identity.Pid != watchdogPid));
        if (_watchdog is null)
        {
            return;
        }

        try
        {
            // The pipe's end releases the watchdog; it sweeps (finding nothing) and exits.
            _watchdog.StandardInput.Close();
            _watchdog.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // It is gone already.
        }
        finally
        {
            _watchdog.Dispose();
        }
    }
}

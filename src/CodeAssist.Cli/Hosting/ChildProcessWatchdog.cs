using System.Runtime.InteropServices;

namespace CodeAssist.Cli.Hosting;

/// <summary>
/// The body of the hidden `codeassist watchdog` process that `serve` starts beside itself. A server killed with
/// SIGKILL cannot clean up, and its children (MSBuild's BuildHost above all) are then reparented and would run on
/// for minutes. So the watchdog records the server's descendants while the server lives (pid and start time, since
/// after reparenting nothing links them to the server any more) and, when the server is gone, kills those still
/// running together with whatever they started since.
/// </summary>
/// <remarks>
/// The server's end of the watchdog's stdin is the signal: the kernel closes it whatever way the server ends, so
/// end-of-stream means "the server is gone". Polling the server's identity covers a pipe end that leaked elsewhere.
/// The watchdog ignores SIGINT, SIGTERM and SIGHUP: a terminal or an editor signalling the whole process group must
/// not end it before it has swept.
/// </remarks>
internal static class ChildProcessWatchdog
{
    /// <summary>
    /// How often the server's descendants are recorded while children are likely to start (the first minute, when the
    /// workspace loads, and a while after any new child): a child younger than this at a SIGKILL may be missed. Short,
    /// because a BuildHost killed in its first moments, before it connects to the server, is the one that lingers.
    /// </summary>
    public static readonly TimeSpan BusyPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the descendants are recorded once nothing has started for a while: a poll reads /proc, so not too often.</summary>
    public static readonly TimeSpan QuietPollInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan BusyPeriod = TimeSpan.FromSeconds(60);

    /// <param name="report">Where each newly watched process and the sweep are reported (the server's stderr), or null.</param>
    public static async Task<int> RunAsync(int serverPid, Stream serverPipe, TextWriter? report, TimeProvider time)
    {
        if (!ProcessTree.IsSupported || ProcessTree.Find(serverPid) is not { } server)
        {
            return 0;
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Ignore);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Ignore);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Ignore);

        var self = Environment.ProcessId;
        var recorded = new HashSet<ProcessIdentity>();
        var serverGone = Task.Run(() => DrainAsync(serverPipe));
        var lastNews = time.GetTimestamp();
        // Until the server is really gone: on a normal exit it closes the pipe first and may still start a
        // process (a workspace load finishing) before it ends.
        while (ProcessTree.IsAlive(server))
        {
            recorded.RemoveWhere(identity => !ProcessTree.IsAlive(identity));
            foreach (var identity in ProcessTree.Descendants([serverPid]))
            {
                if (identity.Pid != self && recorded.Add(identity))
                {
                    lastNews = time.GetTimestamp();
                    report?.WriteLine($"codeassist watchdog: watching {identity.Pid}: {ProcessTree.CommandLine(identity.Pid)}");
                }
            }

            var interval = time.GetElapsedTime(lastNews) < BusyPeriod ? BusyPollInterval : QuietPollInterval;
            var pause = Task.Delay(serverGone.IsCompleted ? BusyPollInterval : interval, time);
            await Task.WhenAny(serverGone, pause).ConfigureAwait(false);
            if (serverGone.IsCompleted)
            {
                await pause.ConfigureAwait(false);
            }
        }

        var killed = Sweep(recorded);
        report?.WriteLine($"codeassist watchdog: server {serverPid} ended; killed {killed} process(es) it left behind");
        return 0;
    }

    /// <summary>Kills the recorded processes and their descendants, again until none is left (a dying parent may still fork).</summary>
    public static int Sweep(IReadOnlyCollection<ProcessIdentity> recorded)
    {
        var killed = 0;
        for (var round = 0; round < 3; round++)
        {
            var alive = recorded.Where(ProcessTree.IsAlive).ToList();
            var targets = alive.Concat(ProcessTree.Descendants(alive.Select(identity => identity.Pid))).ToList();
            var now = ProcessTree.Kill(targets);
            killed += now;
            if (now == 0)
            {
                break;
            }
        }

        return killed;
    }

    private static void Ignore(PosixSignalContext context) => context.Cancel = true;

    private static async Task DrainAsync(Stream stream)
    {
        var buffer = new byte[64];
        try
        {
            while (await stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A broken pipe is the same news as its end.
        }
    }
}

using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodeAssist.Cli.Hosting;
using CodeAssist.TestUtilities;
using Xunit;

namespace CodeAssist.Cli.Tests.Process;

/// <summary>
/// `codeassist serve` on a real project starts MSBuild's BuildHost. Whatever way the server ends, nothing it
/// started may outlive it: a SIGKILL leaves the cleanup to the watchdog, a normal exit to the server itself.
/// </summary>
public sealed partial class ServeChildProcessTests : IDisposable
{
    // How long the processes a server left behind may take to go: the watchdog notices at once and kills them.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly CodeAssistProcess _cli = new();
    private readonly List<ProcessIdentity> _started = [];

    public void Dispose()
    {
        ProcessTree.Kill(_started);
        _cli.Dispose();
    }

    [Fact]
    public async Task Sigkill_DuringTheWorkspaceLoad_LeavesNoBuildHostOrWatchdog()
    {
        Assert.True(ProcessTree.IsSupported, "these tests read /proc");
        using var server = await StartServerAsync();
        var buildHost = await WaitUntilTheWatchdogWatchesABuildHostAsync(server);
        _started.AddRange(ProcessTree.Descendants([server.Process.Id]));
        Assert.Contains(_started, identity => identity.Pid == buildHost);
        Assert.Contains(_started, identity => ProcessTree.CommandLine(identity.Pid).Contains(" watchdog ", StringComparison.Ordinal));

        server.Process.Kill(entireProcessTree: false);

        var left = await LeftAfterGraceAsync();
        Assert.True(left.Count == 0, "left behind: " + string.Join("; ", left));
    }

    [Fact]
    public async Task ShutdownAndExit_LeavesNoChildProcess()
    {
        using var server = await StartServerAsync();
        await WaitUntilTheWatchdogWatchesABuildHostAsync(server);
        _started.AddRange(ProcessTree.Descendants([server.Process.Id]));

        await server.SendAsync(new { jsonrpc = "2.0", id = 2, method = "shutdown" });
        await server.SendAsync(new { jsonrpc = "2.0", method = "exit" });
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await server.Process.WaitForExitAsync(timeout.Token);
        }

        Assert.Equal(0, server.Process.ExitCode);
        var left = await LeftAfterGraceAsync();
        Assert.True(left.Count == 0, "left behind: " + string.Join("; ", left));
    }

    private async Task<ServeSession> StartServerAsync()
    {
        var root = Path.Combine(_cli.WorkingDirectory, "Inventory");
        Directory.CreateDirectory(root);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "samples", "Inventory")))
        {
            File.Copy(file, Path.Combine(root, Path.GetFileName(file)));
        }

        // Debug logging makes the watchdog report what it watches, so the test knows when the kill is covered.
        var session = new ServeSession(System.Diagnostics.Process.Start(_cli.CreateStartInfo("serve", "--log-level", "debug"))!);
        await session.SendAsync(new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = (int?)null, rootUri = new Uri(root).AbsoluteUri, capabilities = new { } } });
        await session.SendAsync(new { jsonrpc = "2.0", method = "initialized", @params = new { } });
        return session;
    }

    private static async Task<int> WaitUntilTheWatchdogWatchesABuildHostAsync(ServeSession server)
    {
        for (var i = 0; i < 12_000; i++)
        {
            if (WatchedBuildHost().Match(server.Stderr) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            // Often: a BuildHost killed before it connects to the server is the one that would linger without the watchdog.
            await Task.Delay(10);
        }

        // What the server answered and which processes it has tell a hang before initialize from a load that never
        // started a BuildHost (seen once in CI, with stderr ending after "listening on stdio").
        var descendants = server.Process.HasExited
            ? $"the server exited with {server.Process.ExitCode}"
            : string.Join("; ", ProcessTree.Descendants([server.Process.Id]).Select(identity => $"{identity.Pid} {ProcessTree.CommandLine(identity.Pid)}"));
        throw new Xunit.Sdk.XunitException(
            $"The watchdog never reported a BuildHost.\nserver's processes: {descendants}\nstdout:\n{server.Stdout}\nstderr:\n{server.Stderr}");
    }

    private async Task<List<string>> LeftAfterGraceAsync()
    {
        var deadline = DateTime.UtcNow + Grace;
        while (DateTime.UtcNow < deadline && _started.Any(ProcessTree.IsAlive))
        {
            await Task.Delay(100);
        }

        return [.. _started.Where(ProcessTree.IsAlive).Select(identity => $"{identity.Pid} {ProcessTree.CommandLine(identity.Pid)}")];
    }

    [GeneratedRegex(@"codeassist watchdog: watching (\d+): .*BuildHost")]
    private static partial Regex WatchedBuildHost();

    /// <summary>A serve process spoken to with raw LSP frames; its stdout is drained and its stderr kept.</summary>
    private sealed class ServeSession : IDisposable
    {
        private readonly StringBuilder _stderr = new();
        private readonly MemoryStream _stdout = new();

        public ServeSession(System.Diagnostics.Process process)
        {
            Process = process;
            process.ErrorDataReceived += (_, e) =>
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            };
            process.BeginErrorReadLine();
            _ = KeepStdoutAsync(process.StandardOutput.BaseStream);
        }

        /// <summary>The start of what the server wrote to stdout (its answers), for a failure's message.</summary>
        public string Stdout
        {
            get
            {
                lock (_stdout)
                {
                    return Encoding.UTF8.GetString(_stdout.GetBuffer(), 0, (int)_stdout.Length);
                }
            }
        }

        public System.Diagnostics.Process Process { get; }

        public string Stderr
        {
            get
            {
                lock (_stderr)
                {
                    return _stderr.ToString();
                }
            }
        }

        private async Task KeepStdoutAsync(Stream stdout)
        {
            var buffer = new byte[4096];
            int read;
            while ((read = await stdout.ReadAsync(buffer)) > 0)
            {
                lock (_stdout)
                {
                    // Enough for the answers to initialize and shutdown; the rest is drained and dropped.
                    if (_stdout.Length < 16_384)
                    {
                        _stdout.Write(buffer, 0, read);
                    }
                }
            }
        }

        public async Task SendAsync(object message)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(message);
            var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
            var stream = Process.StandardInput.BaseStream;
            await stream.WriteAsync(header);
            await stream.WriteAsync(body);
            await stream.FlushAsync();
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace CodeAssist.Server.Tests.Infrastructure;

/// <summary>The real `codeassist serve` as a child process (`dotnet codeassist.dll serve`), spoken to over stdio.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private ServerProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        Client = new LspTestClient(process.StandardInput.BaseStream, process.StandardOutput.BaseStream);
    }

    public LspTestClient Client { get; }

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

    public static ServerProcess Start(params string[] extraArguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ServerDll);
        info.ArgumentList.Add("serve");
        foreach (var argument in extraArguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";

        // An empty model cache: the status must not depend on models someone pulled on this machine.
        info.Environment["XDG_CACHE_HOME"] = EmptyCacheDirectory;

        // Nor on the user's settings.
        info.Environment["XDG_CONFIG_HOME"] = EmptyCacheDirectory;
        foreach (var variable in new[] { "CODEASSIST_PROVIDER", "CODEASSIST_MODEL", "CODEASSIST_ENDPOINT" })
        {
            info.Environment.Remove(variable);
        }
        return new ServerProcess(Process.Start(info)!);
    }

    private static string EmptyCacheDirectory { get; } = Directory.CreateTempSubdirectory("codeassist-tests-cache-").FullName;

    public static string ServerDll
    {
        get
        {
            var local = Path.Combine(AppContext.BaseDirectory, "codeassist.dll");
            return File.Exists(local) ? local : throw new FileNotFoundException("codeassist.dll is not next to the tests", local);
        }
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(LspTestClient.Timeout);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The server's resident memory (VmRSS of /proc/&lt;pid&gt;/status) in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public void CloseInput() => _process.StandardInput.Close();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

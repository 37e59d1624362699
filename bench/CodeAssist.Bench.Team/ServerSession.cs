using System.Diagnostics;
using System.Text.Json;
using StreamJsonRpc;

namespace CodeAssist.Bench.Team;

/// <summary>One real <c>codeassist serve</c> process with its own user folders, driven over stdio as an editor would.</summary>
internal sealed class ServerSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly JsonRpc _rpc;

    private ServerSession(Process process, JsonRpc rpc)
    {
        _process = process;
        _rpc = rpc;
    }

    public static async Task<ServerSession> StartAsync(string dll, string home, string workspace, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("serve");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, "cache");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("codeassist serve did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, new SystemTextJsonFormatter()));
        rpc.StartListening();
        var session = new ServerSession(process, rpc);
        await rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri = new Uri(workspace).AbsoluteUri,
            capabilities = new { textDocument = new { inlineCompletion = new { } } },
        }, cancellationToken);
        await rpc.NotifyWithParameterObjectAsync("initialized", new { });
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(5); await Task.Delay(200, cancellationToken))
        {
            var status = await rpc.InvokeWithParameterObjectAsync<JsonElement>("codeAssist/serverStatus", new { }, cancellationToken);
            if (status.GetProperty("workspace").GetString() is "Loaded" or "LoadedWithErrors" or "AdHoc")
            {
                return session;
            }
        }

        throw new TimeoutException("the workspace did not load in 5 minutes");
    }

    public Task NotifyAsync(string method, object parameters) => _rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task<JsonElement> RequestAsync(string method, object parameters, CancellationToken cancellationToken) =>
        _rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _rpc.InvokeWithParameterObjectAsync<JsonElement?>("shutdown", null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            await _rpc.NotifyAsync("exit");
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is TimeoutException or ConnectionLostException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _rpc.Dispose();
            _process.Dispose();
        }
    }
}

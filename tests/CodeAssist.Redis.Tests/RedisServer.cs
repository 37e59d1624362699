using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CodeAssist.Redis.Tests;

/// <summary>
/// A private redis-server on a free loopback port, with persistence off, killed on dispose. The binary is
/// $CODEASSIST_REDIS_SERVER or redis-server on PATH (scripts/suites/25-redis-cache.sh installs it).
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static string Binary => Environment.GetEnvironmentVariable("CODEASSIST_REDIS_SERVER") is { Length: > 0 } path ? path : "redis-server";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, chosen);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Binary} exited with {process.ExitCode} on port {chosen}.");
            }

            if (await server.CommandAsync("PING") == "+PONG")
            {
                return server;
            }

            await Task.Delay(50);
        }

        server.Dispose();
        throw new InvalidOperationException($"{Binary} did not answer PING on port {chosen}.");
    }

    /// <summary>Sends one inline command and returns the first reply line, or null when Redis is not reachable.</summary>
    public async Task<string?> CommandAsync(string command)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            await using var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadLineAsync();
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Kills the server the way a crash or an outage would: no shutdown, connections drop.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}

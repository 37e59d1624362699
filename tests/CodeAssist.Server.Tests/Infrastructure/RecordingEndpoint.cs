using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CodeAssist.Server.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible endpoint on 127.0.0.1 that records every request (path and body) and answers each
/// completion or chat request with one short streamed answer. Tests assert on what reached it: the model layer
/// above it is the real one, so what is recorded is exactly what would leave the machine.
/// </summary>
internal sealed class RecordingEndpoint : IAsyncDisposable
{
    private const string Answer = "It returns a value.";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public RecordingEndpoint()
    {
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1";
        _acceptLoop = AcceptLoopAsync();
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<(string Path, string Body)> Requests { get; } = new();

    /// <summary>Every recorded path and body, for one assertion over all of them.</summary>
    public string AllText => string.Join("\n", Requests.Select(r => r.Path + " " + r.Body));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var (path, body) = await ReadRequestAsync(stream);
                Requests.Enqueue((path, body));
                var response = path.EndsWith("/props", StringComparison.Ordinal) || path.EndsWith("/models", StringComparison.Ordinal)
                    ? "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    : StreamedAnswer();
                await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private static string StreamedAnswer()
    {
        // One event that both the chat (delta.content) and the completion (text) parsers read.
        var events = "data: {\"id\":\"1\",\"model\":\"recorder\",\"choices\":[{\"index\":0,\"text\":\"" + Answer + "\",\"delta\":{\"content\":\"" + Answer + "\"},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n";
        return "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + Encoding.UTF8.GetByteCount(events) + "\r\nConnection: close\r\n\r\n" + events;
    }

    private async Task<(string Path, string Body)> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                break;
            }

            buffer.Add(one[0]);
        }

        var head = Encoding.ASCII.GetString([.. buffer]);
        var lines = head.Split("\r\n");
        var path = lines[0].Split(' ') is { Length: >= 2 } parts ? parts[1] : "";
        if (lines.Any(l => l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && l.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            return (path, await ReadChunkedAsync(stream));
        }

        var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var count = await stream.ReadAsync(body.AsMemory(read), _stop.Token);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        return (path, Encoding.UTF8.GetString(body, 0, read));
    }

    private async Task<string> ReadChunkedAsync(NetworkStream stream)
    {
        var body = new List<byte>();
        while (true)
        {
            var sizeLine = await ReadLineAsync(stream);
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                await ReadLineAsync(stream);
                return Encoding.UTF8.GetString([.. body]);
            }

            var chunk = new byte[size + 2];
            var read = 0;
            while (read < chunk.Length)
            {
                var count = await stream.ReadAsync(chunk.AsMemory(read), _stop.Token);
                if (count == 0)
                {
                    return Encoding.UTF8.GetString([.. body]);
                }

                read += count;
            }

            body.AddRange(chunk[..size]);
        }
    }

    private async Task<string> ReadLineAsync(NetworkStream stream)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, _stop.Token) == 1)
        {
            if (one[0] == '\n')
            {
                break;
            }

            if (one[0] != '\r')
            {
                line.Add(one[0]);
            }
        }

        return Encoding.ASCII.GetString([.. line]);
    }

    private static bool EndsWithBlankLine(List<byte> buffer) =>
        buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n';
}

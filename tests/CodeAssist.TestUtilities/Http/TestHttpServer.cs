using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CodeAssist.TestUtilities.Http;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 over a raw TcpListener, so tests control every byte: SSE and NDJSON
/// streams, stalls, broken connections, Retry-After. One request per connection. It records each request and
/// notices when a client closes a connection while a response is still streaming. <see cref="RecordingModelServer"/>
/// is the OpenAI-compatible answerer built on it.
/// </summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<TestRequest, TestResponse, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly TaskCompletionSource _clientDisconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TestHttpServer(Func<TestRequest, TestResponse, CancellationToken, Task> handler)
    {
        _handler = handler;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<TestRequest> Requests { get; } = new();

    /// <summary>Completes when a write to a client failed because the client closed the connection.</summary>
    public Task ClientDisconnected => _clientDisconnected.Task;

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
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            try
            {
                var request = await ReadRequestAsync(stream);
                if (request is null)
                {
                    return;
                }

                Requests.Enqueue(request);
                await _handler(request, new TestResponse(stream, socket), _stop.Token);
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
            {
                _clientDisconnected.TrySetResult();
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task<TestRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? await ReadChunkedAsync(stream)
            : await ReadExactlyAsync(stream, headers.TryGetValue("content-length", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0);
        return new TestRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
    }

    /// <summary>Reads up to <paramref name="length"/> bytes: fewer when the client closes the connection first.</summary>
    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int length)
    {
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read));
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return body[..read];
    }

    /// <summary>A chunked body (HttpClient sends one when it does not know the content's length in advance).</summary>
    private static async Task<byte[]> ReadChunkedAsync(NetworkStream stream)
    {
        var body = new List<byte>();
        while (true)
        {
            var size = int.Parse((await ReadLineAsync(stream)).Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                await ReadLineAsync(stream);
                return [.. body];
            }

            var chunk = await ReadExactlyAsync(stream, size + 2);
            body.AddRange(chunk[..Math.Min(size, chunk.Length)]);
            if (chunk.Length < size + 2)
            {
                return [.. body];
            }
        }
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != '\n')
        {
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

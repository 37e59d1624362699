using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeAssist.TestUtilities;

/// <summary>
/// A fake OpenAI-compatible server on 127.0.0.1 that records every request body and answers /v1/completions and
/// /v1/chat/completions with a short SSE stream (<see cref="ChatAnswer"/>, <see cref="CompletionAnswer"/>). Anything
/// else gets a 404. Raw sockets, one request per connection, so it needs nothing but the runtime.
/// </summary>
public sealed class RecordingModelServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public RecordingModelServer()
    {
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _acceptLoop = AcceptLoopAsync();
    }

    public string Endpoint { get; }

    /// <summary>Path and body of every request, in arrival order.</summary>
    public ConcurrentQueue<(string Path, string Body)> Requests { get; } = new();

    public string ChatAnswer { get; set; } = "It works.";

    public string CompletionAnswer { get; set; } = "x";

    /// <summary>Every string value inside a recorded JSON body, unescaped, so a check sees what the server read.</summary>
    public static IEnumerable<string> StringValues(string body)
    {
        var stack = new Stack<JsonNode?>();
        stack.Push(JsonNode.Parse(body));
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case JsonObject obj:
                    foreach (var (_, value) in obj)
                    {
                        stack.Push(value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        stack.Push(item);
                    }

                    break;
                case JsonValue value when value.TryGetValue<string>(out var text):
                    yield return text;
                    break;
            }
        }
    }

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
                var (path, body) = await ReadRequestAsync(stream);
                Requests.Enqueue((path, body));
                var answer = path.EndsWith("/chat/completions", StringComparison.Ordinal)
                    ? Sse(new { choices = new[] { new { index = 0, delta = new { content = ChatAnswer }, finish_reason = "stop" } } })
                    : path.EndsWith("/completions", StringComparison.Ordinal)
                        ? Sse(new { choices = new[] { new { index = 0, text = CompletionAnswer, finish_reason = "stop" } } })
                        : null;
                var status = answer is null ? "404 Not Found" : "200 OK";
                var payload = Encoding.UTF8.GetBytes(answer is null ? "{\"error\":\"not found\"}" : answer + "data: [DONE]\n\n");
                var head = $"HTTP/1.1 {status}\r\nContent-Type: {(answer is null ? "application/json" : "text/event-stream")}\r\n"
                    + $"Content-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                await stream.WriteAsync(payload);
                await stream.FlushAsync();
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or FormatException)
            {
                // A client that went away; nothing to record.
            }
        }
    }

    private static string Sse(object payload) => "data: " + JsonSerializer.Serialize(payload) + "\n\n";

    private static async Task<(string Path, string Body)> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("The client closed the connection.");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var length = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p[0].Trim().Equals("content-length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
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

        return (lines[0].Split(' ')[1], Encoding.UTF8.GetString(body, 0, read));
    }
}

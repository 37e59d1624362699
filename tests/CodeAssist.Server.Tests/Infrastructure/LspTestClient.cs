using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace CodeAssist.Server.Tests.Infrastructure;

/// <summary>
/// A deliberately independent JSON-RPC client for tests: it writes raw LSP frames (so tests can also write broken
/// ones) and parses the server's frames itself, without StreamJsonRpc.
/// </summary>
internal sealed class LspTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Stream _toServer;
    private readonly Stream _fromServer;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<JsonElement> _notifications = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seenNotifications = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _readLoop;
    private long _nextId = 1000;

    public LspTestClient(Stream toServer, Stream fromServer)
    {
        _toServer = toServer;
        _fromServer = fromServer;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Completes when the server's output ends.</summary>
    public Task Closed => _readLoop;

    public long NextId() => Interlocked.Increment(ref _nextId);

    public async Task<JsonElement> RequestAsync(string method, object? parameters = null, long? id = null)
    {
        var response = await StartRequestAsync(method, parameters, id ?? NextId());
        return await response.WaitAsync(Timeout);
    }

    /// <summary>Sends a request and returns its pending response (for cancellation tests).</summary>
    public async Task<Task<JsonElement>> StartRequestAsync(string method, object? parameters, long id)
    {
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = ToNode(parameters);
        }

        await WriteMessageAsync(message.ToJsonString());
        return completion.Task;
    }

    /// <summary>Waits for a response with <paramref name="id"/> to a frame the test writes itself.</summary>
    public Task<JsonElement> ExpectResponse(long id)
    {
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        return completion.Task.WaitAsync(Timeout);
    }

    public Task NotifyAsync(string method, object? parameters = null)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = ToNode(parameters);
        }

        return WriteMessageAsync(message.ToJsonString());
    }

    public Task WriteMessageAsync(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return WriteRawAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n").Concat(body).ToArray());
    }

    public async Task WriteRawAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _toServer.WriteAsync(bytes);
            await _toServer.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task WriteRawAsync(string text) => WriteRawAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Waits for the next server notification with <paramref name="method"/>, skipping others.</summary>
    public async Task<JsonElement> WaitForNotificationAsync(string method, Func<JsonElement, bool>? match = null)
    {
        var message = await WaitForMessageAsync(m =>
            m.TryGetProperty("method", out var name) && name.GetString() == method
            && (match is null || match(m.GetProperty("params"))));
        return message.GetProperty("params");
    }

    /// <summary>Waits for the next message that is not a response to a pending request and matches.</summary>
    public async Task<JsonElement> WaitForMessageAsync(Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var message = await _notifications.Reader.ReadAsync(timeout.Token);
            if (match(message))
            {
                return message;
            }
        }
    }

    /// <summary>Waits until some message (whenever it came, in any order) matches.</summary>
    public async Task<JsonElement> WaitUntilSeenAsync(Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            foreach (var message in SeenNotifications)
            {
                if (match(message))
                {
                    return message;
                }
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    public IReadOnlyList<JsonElement> SeenNotifications
    {
        get
        {
            lock (_seenNotifications)
            {
                return [.. _seenNotifications];
            }
        }
    }

    public async Task<JsonElement> InitializeAsync(object? capabilities = null, object? initializationOptions = null, string? rootUri = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["processId"] = Environment.ProcessId,
            ["clientInfo"] = new { name = "CodeAssist.Server.Tests" },
            ["rootUri"] = rootUri,
            ["capabilities"] = capabilities ?? new { },
        };
        if (initializationOptions is not null)
        {
            parameters["initializationOptions"] = initializationOptions;
        }

        var response = await RequestAsync("initialize", parameters);
        await NotifyAsync("initialized", new { });
        return response;
    }

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version, text } });

    /// <summary>The server's view of a document, through codeAssist/serverStatus.</summary>
    public async Task<JsonElement> ServerDocumentAsync(string uri)
    {
        var response = await RequestAsync("codeAssist/serverStatus", new { textDocument = new { uri }, includeText = true });
        return response.GetProperty("result").GetProperty("document");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }

        await _toServer.DisposeAsync();
        _writeLock.Dispose();
    }

    private static JsonNode? ToNode(object value) => value as JsonNode ?? JsonSerializer.SerializeToNode(value);

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await ReadFrameAsync() is { } frame)
            {
                using var document = JsonDocument.Parse(frame);
                var message = document.RootElement.Clone();
                var hasId = message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number;
                if (message.TryGetProperty("method", out _))
                {
                    if (hasId)
                    {
                        // A server request (e.g. window/workDoneProgress/create): accept it.
                        await WriteMessageAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{id.GetRawText()},\"result\":null}}");
                    }

                    lock (_seenNotifications)
                    {
                        _seenNotifications.Add(message);
                    }

                    await _notifications.Writer.WriteAsync(message);
                }
                else if (hasId && _pending.TryRemove(id.GetInt64(), out var completion))
                {
                    completion.TrySetResult(message);
                }
                else
                {
                    lock (_seenNotifications)
                    {
                        _seenNotifications.Add(message); // e.g. a ParseError with id null
                    }

                    await _notifications.Writer.WriteAsync(message);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new IOException("The server closed its output."));
            }
        }
    }

    private async Task<byte[]?> ReadFrameAsync()
    {
        var contentLength = -1;
        while (true)
        {
            var line = await ReadLineAsync();
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[contentLength];
        await _fromServer.ReadExactlyAsync(body);
        return body;
    }

    private async Task<string?> ReadLineAsync()
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await _fromServer.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] == '\n')
            {
                return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
            }

            bytes.Add(one[0]);
        }
    }
}

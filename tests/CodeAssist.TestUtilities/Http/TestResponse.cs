using System.Net.Sockets;
using System.Text;

namespace CodeAssist.TestUtilities.Http;

/// <summary>
/// Writes a raw HTTP/1.1 response: a fixed body, or a chunked stream that can stall, continue, or break off
/// (closing the socket without the terminating chunk, as a crashed server would).
/// </summary>
public sealed class TestResponse
{
    private readonly NetworkStream _stream;
    private readonly Socket _socket;
    private bool _chunked;

    internal TestResponse(NetworkStream stream, Socket socket)
    {
        _stream = stream;
        _socket = socket;
    }

    public async Task SendAsync(int status, string body, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await WriteHeadAsync(status, contentType, headers, $"Content-Length: {bytes.Length}");
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    public async Task SendBytesAsync(int status, byte[] body, int offset, int count, IReadOnlyDictionary<string, string>? headers = null)
    {
        await WriteHeadAsync(status, "application/octet-stream", headers, $"Content-Length: {count}");
        await _stream.WriteAsync(body.AsMemory(offset, count));
        await _stream.FlushAsync();
    }

    /// <summary>Starts a chunked response; then <see cref="WriteAsync"/> pieces and <see cref="EndAsync"/> or <see cref="Abort"/>.</summary>
    public Task StartStreamAsync(int status = 200, string contentType = "text/event-stream", IReadOnlyDictionary<string, string>? headers = null)
    {
        _chunked = true;
        return WriteHeadAsync(status, contentType, headers, "Transfer-Encoding: chunked");
    }

    public async Task WriteAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await WriteRawAsync(bytes, 0, bytes.Length);
    }

    public async Task WriteRawAsync(byte[] bytes, int offset, int count)
    {
        if (!_chunked)
        {
            await _stream.WriteAsync(bytes.AsMemory(offset, count));
            await _stream.FlushAsync();
            return;
        }

        var head = Encoding.ASCII.GetBytes($"{count:x}\r\n");
        await _stream.WriteAsync(head);
        await _stream.WriteAsync(bytes.AsMemory(offset, count));
        await _stream.WriteAsync("\r\n"u8.ToArray());
        await _stream.FlushAsync();
    }

    public async Task EndAsync()
    {
        await _stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        await _stream.FlushAsync();
    }

    /// <summary>Closes the connection at once (TCP reset), mid-body.</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Starts a response with a Content-Length but sends only part of it (for download resume tests).</summary>
    public async Task SendHeadWithLengthAsync(int status, long contentLength, IReadOnlyDictionary<string, string>? headers = null) =>
        await WriteHeadAsync(status, "application/octet-stream", headers, $"Content-Length: {contentLength}");

    private async Task WriteHeadAsync(int status, string contentType, IReadOnlyDictionary<string, string>? headers, string framing)
    {
        var builder = new StringBuilder();
        builder.Append($"HTTP/1.1 {status} {Reason(status)}\r\n");
        builder.Append($"Content-Type: {contentType}\r\n");
        builder.Append(framing).Append("\r\n");
        builder.Append("Connection: close\r\n");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            builder.Append($"{name}: {value}\r\n");
        }

        builder.Append("\r\n");
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(builder.ToString()));
        await _stream.FlushAsync();
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        206 => "Partial Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}

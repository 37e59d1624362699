using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using CodeAssist.Server.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace CodeAssist.Server.Transport;

/// <summary>
/// LSP's header-delimited framing. Writing is <see cref="HeaderDelimitedMessageHandler"/>'s own; reading is
/// replaced because the base class ends the connection on the first malformed frame. Here a bad header is skipped
/// up to the next <c>Content-Length</c>, and a body that is not JSON-RPC is answered with ParseError/InvalidRequest;
/// the connection keeps serving.
/// </summary>
internal sealed class LspMessageHandler : HeaderDelimitedMessageHandler
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxContentLength = 256 * 1024 * 1024;
    private static readonly byte[] ContentLengthName = "Content-Length:"u8.ToArray();

    private readonly Action<string> _reportMalformed;

    public LspMessageHandler(Stream output, Stream input, IJsonRpcMessageFormatter formatter, Action<string> reportMalformed)
        : base(output, input, formatter)
    {
        _reportMalformed = reportMalformed;
    }

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        var reader = Reader!;
        while (true)
        {
            var contentLength = await ReadHeadersAsync(reader, cancellationToken).ConfigureAwait(false);
            if (contentLength is null)
            {
                return null; // the client closed the stream between messages
            }

            if (contentLength.Value == 0)
            {
                continue;
            }

            var result = await ReadAtLeastAsync(contentLength.Value, allowEmpty: false, cancellationToken).ConfigureAwait(false);
            var body = result.Buffer.Slice(0, contentLength.Value);
            JsonRpcMessage? message = null;
            JsonRpcError? error = null;
            try
            {
                message = Formatter.Deserialize(body);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                error = CreateErrorFor(body, exception);
            }
            finally
            {
                reader.AdvanceTo(body.End);
            }

            if (message is not null)
            {
                return message;
            }

            _reportMalformed(error!.Error!.Message ?? "malformed message");
            await WriteAsync(error, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads one header block. Returns its Content-Length, null at the end of the stream, or 0 for a block
    /// without a usable Content-Length (reported, then skipped).
    /// </summary>
    private async ValueTask<int?> ReadHeadersAsync(System.IO.Pipelines.PipeReader reader, CancellationToken cancellationToken)
    {
        int? contentLength = null;
        var sawAnyLine = false;
        var reported = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is null)
            {
                if (result.IsCompleted)
                {
                    if (buffer.Length > 0)
                    {
                        _reportMalformed("the stream ended inside a header");
                    }

                    reader.AdvanceTo(buffer.End);
                    return null;
                }

                if (buffer.Length > MaxHeaderBytes)
                {
                    _reportMalformed($"a header line longer than {MaxHeaderBytes} bytes was discarded");
                    reader.AdvanceTo(buffer.End);
                    continue;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            var line = buffer.Slice(0, newline.Value).ToArray();
            reader.AdvanceTo(buffer.GetPosition(1, newline.Value));
            var length = line.Length;
            if (length > 0 && line[length - 1] == '\r')
            {
                length--;
            }

            if (length == 0)
            {
                if (!sawAnyLine)
                {
                    continue; // a stray blank line between messages
                }

                if (contentLength is null)
                {
                    if (!reported)
                    {
                        _reportMalformed("a message header had no Content-Length; skipped to the next message");
                    }

                    return 0;
                }

                return contentLength;
            }

            sawAnyLine = true;

            // Search inside the line: after a skipped frame its body can run into the next header.
            var span = line.AsSpan(0, length);
            var at = IndexOfIgnoreCase(span, ContentLengthName);
            if (at < 0)
            {
                continue; // Content-Type or another header we do not need
            }

            var value = span[(at + ContentLengthName.Length)..].Trim((byte)' ');
            if (Utf8Parser.TryParse(value, out int parsed, out var consumed) && consumed == value.Length
                && parsed >= 0 && parsed <= MaxContentLength)
            {
                contentLength = parsed;
            }
            else
            {
                _reportMalformed($"invalid Content-Length '{Encoding.ASCII.GetString(value)}'; skipped to the next message");
                contentLength = null;
                reported = true;
            }
        }
    }

    private JsonRpcError CreateErrorFor(ReadOnlySequence<byte> body, Exception exception)
    {
        var error = (Formatter as IJsonRpcMessageFactory)?.CreateErrorMessage() ?? new JsonRpcError();
        error.RequestId = RequestId.Null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id))
            {
                error.RequestId = id.ValueKind switch
                {
                    JsonValueKind.Number when id.TryGetInt64(out var number) => new RequestId(number),
                    JsonValueKind.String => new RequestId(id.GetString()),
                    _ => RequestId.Null,
                };
            }

            error.Error = new JsonRpcError.ErrorDetail
            {
                Code = (JsonRpcErrorCode)LspErrorCodes.InvalidRequest,
                Message = $"Invalid JSON-RPC message: {exception.Message}",
            };
        }
        catch (JsonException parseError)
        {
            error.Error = new JsonRpcError.ErrorDetail
            {
                Code = (JsonRpcErrorCode)LspErrorCodes.ParseError,
                Message = $"Parse error: {parseError.Message}",
            };
        }

        return error;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(haystack.Slice(i, needle.Length), needle))
            {
                return i;
            }
        }

        return -1;
    }
}

using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CodeAssist.Server.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace CodeAssist.Server.Transport;

/// <summary>
/// LSP's header-delimited framing. Writing is <see cref="HeaderDelimitedMessageHandler"/>'s own; reading is
/// replaced because the base class ends the connection on the first malformed frame. Here a bad header is skipped
/// up to the next <c>Content-Length</c>, and a body is checked (<see cref="EnvelopeCheck"/>) before StreamJsonRpc
/// sees it: an invalid request is answered with ParseError/InvalidRequest, an invalid notification or a response
/// nobody waits for is logged and dropped. The connection keeps serving.
/// </summary>
internal sealed class LspMessageHandler : HeaderDelimitedMessageHandler
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxContentLength = 256 * 1024 * 1024;
    private static readonly byte[] ContentLengthName = "Content-Length:"u8.ToArray();

    private readonly Action<string> _reportMalformed;
    private readonly OpenRequestIds _openIds = new();
    private readonly ConditionalWeakTable<JsonRpcMessage, JsonRpcMessage> _ownReplies = new();

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
            JsonRpcMessage? message;
            JsonRpcError? reply;
            try
            {
                (message, reply) = Admit(body);
            }
            finally
            {
                reader.AdvanceTo(body.End);
            }

            if (message is not null)
            {
                return message;
            }

            if (reply is not null)
            {
                await WriteAsync(reply, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Tracks the ids of requests in both directions as they leave (see <see cref="OpenRequestIds"/>).</summary>
    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        switch (content)
        {
            case JsonRpcRequest { IsResponseExpected: true } request:
                _openIds.ServerRequestSent(request.RequestId);
                break;
            case JsonRpcResult answer:
                _openIds.ClientRequestAnswered(answer.RequestId);
                break;
            case JsonRpcError answer when !_ownReplies.TryGetValue(answer, out _):
                _openIds.ClientRequestAnswered(answer.RequestId);
                break;
        }

        base.Write(content, cancellationToken);
    }

    /// <summary>
    /// Decides what becomes of one body: a message for StreamJsonRpc, an error to send back (the body was a request
    /// StreamJsonRpc must not see), or neither (a notification or response that was logged and dropped).
    /// </summary>
    private (JsonRpcMessage? Message, JsonRpcError? Reply) Admit(ReadOnlySequence<byte> body)
    {
        EnvelopeVerdict verdict;
        try
        {
            using var document = JsonDocument.Parse(body);
            verdict = EnvelopeCheck.Check(document.RootElement);
        }
        catch (JsonException exception)
        {
            return Refuse(RequestId.Null, LspErrorCodes.ParseError, $"Parse error: {exception.Message}");
        }

        switch (verdict.Kind)
        {
            case EnvelopeKind.Drop:
                _reportMalformed(verdict.Detail);
                return (null, null);
            case EnvelopeKind.Reply:
                return Refuse(verdict.Id, LspErrorCodes.InvalidRequest, $"Invalid request: {verdict.Detail}");
            case EnvelopeKind.Response when !_openIds.TryCloseServerRequest(verdict.Id):
                _reportMalformed($"a response to id {verdict.Id} was dropped: the server is not waiting for one");
                return (null, null);
            case EnvelopeKind.Request when verdict.Detail is "$/cancelRequest" or "$/progress":
                return Refuse(verdict.Id, LspErrorCodes.InvalidRequest, $"Invalid request: {verdict.Detail} is a notification; send it without an id.");
            case EnvelopeKind.Request when !_openIds.TryOpenClientRequest(verdict.Id):
                return Refuse(verdict.Id, LspErrorCodes.InvalidRequest, $"Invalid request: id {verdict.Id} belongs to a request still running.");
        }

        try
        {
            return (Formatter.Deserialize(body), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (verdict.Kind != EnvelopeKind.Request)
            {
                _reportMalformed($"a message StreamJsonRpc could not read was dropped: {exception.Message}");
                return (null, null);
            }

            _openIds.ClientRequestAnswered(verdict.Id);
            return Refuse(verdict.Id, LspErrorCodes.InvalidRequest, $"Invalid JSON-RPC message: {exception.Message}");
        }
    }

    private (JsonRpcMessage? Message, JsonRpcError? Reply) Refuse(RequestId id, int code, string message)
    {
        _reportMalformed(message);
        var error = (Formatter as IJsonRpcMessageFactory)?.CreateErrorMessage() ?? new JsonRpcError();
        error.RequestId = id;
        error.Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = message };

        // Marked so that Write does not take this refusal for the answer to a request of the same id still running.
        _ownReplies.AddOrUpdate(error, error);
        return (null, error);
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

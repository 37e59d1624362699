using System.Text;

namespace CodeAssist.Llm.Http;

/// <summary>
/// Reads a streamed response line by line (SSE and NDJSON are both line-based) with an idle timeout, so a
/// server that stops sending without closing the connection fails the request instead of hanging it.
/// Cancelling the token aborts the read, which makes HttpClient close the connection and the server stop.
/// </summary>
internal sealed class StreamLineReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly TimeSpan _idleTimeout;
    private readonly string _endpointForMessages;

    public StreamLineReader(Stream stream, TimeSpan idleTimeout, string endpointForMessages)
    {
        _reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        _idleTimeout = idleTimeout;
        _endpointForMessages = endpointForMessages;
    }

    /// <summary>The next line, or null at the end of the stream.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_idleTimeout);
        try
        {
            return await _reader.ReadLineAsync(idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelRequestException($"The model server at {_endpointForMessages} sent nothing for {_idleTimeout.TotalSeconds:0.#} s; the request was abandoned.");
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelRequestException($"The model server at {_endpointForMessages} closed the stream before the answer was complete.", exception);
        }
    }

    public void Dispose() => _reader.Dispose();
}

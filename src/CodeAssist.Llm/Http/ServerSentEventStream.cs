using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace CodeAssist.Llm.Http;

/// <summary>
/// The data payloads of a text/event-stream response (OpenAI, vLLM, llama-server), parsed by the runtime's
/// <see cref="SseParser"/>, ending at "data: [DONE]" or at the end of the stream. Adds what the parser leaves to
/// its caller: an idle timeout (a server that stops sending without closing the connection fails the request
/// instead of hanging it) and the same failure messages as <see cref="StreamLineReader"/>.
/// </summary>
internal static class ServerSentEventStream
{
    public const string Done = "[DONE]";

    public static async IAsyncEnumerable<string> ReadDataAsync(
        Stream stream, TimeSpan idleTimeout, string endpointForMessages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One timer, restarted after each event: CancelAfter on a live source replaces its due time.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        await using var events = SseParser.Create(stream).EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModelRequestException($"The model server at {endpointForMessages} sent nothing for {idleTimeout.TotalSeconds:0.#} s; the request was abandoned.");
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw new ModelRequestException($"The model server at {endpointForMessages} closed the stream before the answer was complete.", exception);
            }

            idle.CancelAfter(idleTimeout);

            // "event:", "id:" and "retry:" fields carry nothing the model APIs use; only the data matters.
            var data = events.Current.Data;
            if (data == Done)
            {
                yield break;
            }

            yield return data;
        }
    }
}

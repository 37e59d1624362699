using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeAssist.Llm.Http;

namespace CodeAssist.Llm.Remote;

/// <summary>One parsed event of a completion stream: text for a candidate, and whether that candidate ended.</summary>
internal readonly record struct CompletionDelta(int Candidate, string Text, string? FinishReason);

/// <summary>
/// The loop shared by the remote completion endpoints: send, read SSE or NDJSON events, turn them into chunks,
/// bound the whole call by the request's time limit, and close the stream on cancellation or early exit.
/// </summary>
internal static class StreamedCompletion
{
    public static async IAsyncEnumerable<CompletionChunk> RunAsync(
        ModelHttpTransport transport,
        string path,
        JsonObject body,
        bool serverSentEvents,
        Func<JsonNode, CandidateTracker, IEnumerable<CompletionDelta>> parse,
        TimeSpan? timeLimit,
        int estimatedPromptTokens,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tracker = new CandidateTracker(estimatedPromptTokens);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeLimit is { } bound)
        {
            limit.CancelAfter(bound);
        }

        HttpResponseMessage? response = null;
        try
        {
            response = await transport.SendJsonAsync(HttpMethod.Post, path, body, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The time limit ran out before the server answered.
        }

        if (response is null)
        {
            foreach (var chunk in tracker.FinishAll(CompletionFinishReason.TimeLimit))
            {
                yield return chunk;
            }

            yield break;
        }

        // Disposing the response (normal end, early break by the caller, cancellation) closes the connection.
        using (response)
        {
            var stream = await response.Content.ReadAsStreamAsync(limit.Token);
            using var reader = new StreamLineReader(stream, transport.Options.RequestTimeout, transport.DisplayEndpoint);
            // A server that ignores "stream": true answers with one JSON document; it parses like a single event.
            var whole = serverSentEvents && response.Content.Headers.ContentType?.MediaType == "application/json";
            var events = whole ? ReadWholeAsync(reader, limit.Token)
                : serverSentEvents ? ServerSentEvents.ReadDataAsync(reader, limit.Token)
                : ReadLinesAsync(reader, limit.Token);
            await using var enumerator = events.GetAsyncEnumerator(limit.Token);
            var timedOut = false;
            while (true)
            {
                // Buffered lines are returned without looking at the token; check it so nothing arrives after cancel.
                cancellationToken.ThrowIfCancellationRequested();
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync();
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    timedOut = true;
                    break;
                }

                if (!more)
                {
                    break;
                }

                foreach (var delta in parse(ParseEvent(enumerator.Current, transport), tracker))
                {
                    tracker.Started(delta.Candidate);
                    if (delta.Text.Length > 0)
                    {
                        tracker.Generated(delta.Candidate);
                        yield return new CompletionChunk(delta.Candidate, delta.Text);
                    }

                    if (delta.FinishReason is not null && tracker.Finish(delta.Candidate, CandidateTracker.ParseFinishReason(delta.FinishReason)) is { } last)
                    {
                        yield return last;
                    }
                }
            }

            foreach (var chunk in tracker.FinishAll(timedOut ? CompletionFinishReason.TimeLimit : CompletionFinishReason.Stop))
            {
                yield return chunk;
            }
        }
    }

    private static async IAsyncEnumerable<string> ReadWholeAsync(StreamLineReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
        }

        yield return string.Join('\n', lines);
    }

    private static async IAsyncEnumerable<string> ReadLinesAsync(StreamLineReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    /// <summary>Parses one event; an error object inside the stream (both OpenAI and Ollama send them) fails the call.</summary>
    private static JsonNode ParseEvent(string payload, ModelHttpTransport transport)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(payload);
        }
        catch (JsonException exception)
        {
            throw new ModelRequestException($"The model server at {transport.DisplayEndpoint} sent a malformed stream event.", exception);
        }

        if (node is null)
        {
            throw new ModelRequestException($"The model server at {transport.DisplayEndpoint} sent an empty stream event.");
        }

        if (node is JsonObject obj && obj.ContainsKey("error") && ModelHttpTransport.ErrorMessageOf(payload) is { } error)
        {
            throw new ModelRequestException($"The model server at {transport.DisplayEndpoint} failed while streaming: {transport.Sanitize(error)}");
        }

        return node;
    }
}

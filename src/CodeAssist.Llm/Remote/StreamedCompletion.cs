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
            // A server that does not even start answering within the limit is down or hung: that is a failure (the
            // health breaker counts it), not an empty answer.
            throw new ModelRequestException($"The model server at {transport.DisplayEndpoint} did not start answering within {timeLimit?.TotalSeconds:0.#} s.");
        }

        // Disposing the response (normal end, early break by the caller, cancellation) closes the connection.
        using (response)
        {
            if (response.Content.Headers.ContentType?.MediaType is "text/html" or "application/xhtml+xml")
            {
                throw new ModelRequestException(
                    $"The model server at {transport.DisplayEndpoint} answered with a web page, not a model answer (a proxy, a login page or the wrong endpoint?).");
            }

            var stream = await response.Content.ReadAsStreamAsync(limit.Token);
            using var reader = new StreamLineReader(stream, transport.Options.RequestTimeout, transport.DisplayEndpoint);
            // A server that ignores "stream": true answers with one JSON document; it parses like a single event.
            var whole = serverSentEvents && response.Content.Headers.ContentType?.MediaType == "application/json";
            var events = whole ? ReadWholeAsync(reader, limit.Token)
                : serverSentEvents ? ServerSentEventStream.ReadDataAsync(stream, transport.Options.RequestTimeout, transport.DisplayEndpoint, limit.Token)
                : ReadLinesAsync(reader, limit.Token);
            await using var enumerator = events.GetAsyncEnumerator(limit.Token);
            var timedOut = false;
            var received = 0;
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

                received++;
                foreach (var delta in Parse(parse, ParseEvent(enumerator.Current, transport), tracker, transport))
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

            if (received == 0 && !timedOut)
            {
                throw new ModelRequestException($"The model server at {transport.DisplayEndpoint} answered without any model output (an empty or non-streaming body).");
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

    /// <summary>Runs a provider's parser; JSON of the wrong shape (a number where text belongs) fails the call clearly.</summary>
    private static List<CompletionDelta> Parse(
        Func<JsonNode, CandidateTracker, IEnumerable<CompletionDelta>> parse, JsonNode node, CandidateTracker tracker, ModelHttpTransport transport)
    {
        try
        {
            return parse(node, tracker).ToList();
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or JsonException or ArgumentException)
        {
            throw new ModelRequestException(
                $"The model server at {transport.DisplayEndpoint} sent an answer in an unexpected format (a field of the wrong type); is it an OpenAI-compatible or Ollama server?",
                exception);
        }
    }

    /// <summary>Parses one event; an error object inside the stream (both OpenAI and Ollama send them) fails the call.</summary>
    private static JsonNode ParseEvent(string payload, ModelHttpTransport transport)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            throw new ModelRequestException($"The model server at {transport.DisplayEndpoint} answered with an empty body.");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(payload);
        }
        catch (JsonException exception)
        {
            var kind = payload.TrimStart().StartsWith('<') ? "a web page" : "text that is not JSON";
            throw new ModelRequestException($"The model server at {transport.DisplayEndpoint} sent {kind} instead of a model answer.", exception);
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

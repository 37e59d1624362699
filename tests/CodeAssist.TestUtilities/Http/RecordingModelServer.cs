using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeAssist.TestUtilities.Http;

/// <summary>
/// A fake OpenAI-compatible server on 127.0.0.1 (a <see cref="TestHttpServer"/>) that records every request and
/// answers /v1/completions and /v1/chat/completions with a short SSE stream (<see cref="ChatAnswer"/>,
/// <see cref="CompletionAnswer"/>). Anything else, llama-server's /props and /models probes included, gets a 404.
/// Tests assert on what reached it: the model layer above it is the real one, so what is recorded is exactly what
/// would leave the machine.
/// </summary>
public sealed class RecordingModelServer : IAsyncDisposable
{
    private readonly TestHttpServer _server;

    public RecordingModelServer()
    {
        _server = new TestHttpServer(AnswerAsync);
        Endpoint = _server.BaseUri.ToString().TrimEnd('/');
    }

    /// <summary>The server's root, without a trailing slash.</summary>
    public string Endpoint { get; }

    /// <summary>The OpenAI-compatible base URL (<see cref="Endpoint"/> + /v1).</summary>
    public string BaseUrl => Endpoint + "/v1";

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<TestRequest> Requests => _server.Requests;

    /// <summary>Every recorded path and body, for one assertion over all of them.</summary>
    public string AllText => string.Join("\n", Requests.Select(r => r.Path + " " + r.Body));

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

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task AnswerAsync(TestRequest request, TestResponse response, CancellationToken cancellationToken)
    {
        var answer = request.Path.EndsWith("/chat/completions", StringComparison.Ordinal)
            ? Sse(new { choices = new[] { new { index = 0, delta = new { content = ChatAnswer }, finish_reason = "stop" } } })
            : request.Path.EndsWith("/completions", StringComparison.Ordinal)
                ? Sse(new { choices = new[] { new { index = 0, text = CompletionAnswer, finish_reason = "stop" } } })
                : null;
        return answer is null
            ? response.SendAsync(404, "{\"error\":\"not found\"}")
            : response.SendAsync(200, answer + "data: [DONE]\n\n", "text/event-stream");
    }

    private static string Sse(object payload) => "data: " + JsonSerializer.Serialize(payload) + "\n\n";
}

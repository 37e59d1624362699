using System.Text.Json;
using CodeAssist.TestUtilities.Http;

namespace CodeAssist.Redis.Tests;

/// <summary>An OpenAI-compatible server on loopback that answers every chat request with one fixed text and counts them.</summary>
internal sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly TestHttpServer _server;

    public ScriptedModelServer(string answer)
    {
        _server = new TestHttpServer(async (_, response, _) =>
        {
            await response.StartStreamAsync();
            await response.WriteAsync(Sse(new { choices = new[] { new { index = 0, delta = new { content = answer }, finish_reason = (string?)null } } }));
            await response.WriteAsync(Sse(new { choices = new[] { new { index = 0, delta = new { content = (string?)null }, finish_reason = "stop" } } }));
            await response.WriteAsync("data: [DONE]\n\n");
            await response.EndAsync();
        });
    }

    public string Endpoint => _server.BaseUri.ToString();

    public int ChatCalls => _server.Requests.Count(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static string Sse(object payload) => "data: " + JsonSerializer.Serialize(payload) + "\n\n";
}

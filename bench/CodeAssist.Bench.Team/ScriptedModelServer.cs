using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace CodeAssist.Bench.Team;

/// <summary>
/// An OpenAI-compatible server on loopback (HttpListener) with a fixed think time per request: chat answers explain
/// the code, completions continue it. It counts calls, so the shared cache's effect on the model is visible.
/// </summary>
internal sealed class ScriptedModelServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TimeSpan _thinkTime;
    private int _chatCalls;
    private int _completionCalls;

    public ScriptedModelServer(TimeSpan thinkTime)
    {
        _thinkTime = thinkTime;
        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(AcceptLoopAsync);
    }

    public string Endpoint { get; }

    public int ChatCalls => Volatile.Read(ref _chatCalls);

    public int CompletionCalls => Volatile.Read(ref _completionCalls);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var path = context.Request.Url?.AbsolutePath ?? "";
        await Task.Delay(_thinkTime);
        string body;
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _chatCalls);
            body = Sse(new { choices = new[] { new { index = 0, delta = new { content = "This member updates the running total and returns it." }, finish_reason = "stop" } } });
        }
        else if (path.EndsWith("/completions", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _completionCalls);
            body = Sse(new { choices = new[] { new { index = 0, text = "total;", finish_reason = "stop" } } });
        }
        else
        {
            response.StatusCode = 404;
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(body + "data: [DONE]\n\n");
        response.ContentType = "text/event-stream";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static string Sse(object payload) => "data: " + JsonSerializer.Serialize(payload) + "\n\n";
}

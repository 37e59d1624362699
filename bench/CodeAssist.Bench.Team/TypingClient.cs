using System.Diagnostics;
using System.Text.Json;

namespace CodeAssist.Bench.Team;

/// <summary>
/// What one developer does to one server: opens the shared file, types a line key by key (didChange, then
/// inlineCompletion, each awaited), then asks for explanations of the same members the others ask about.
/// </summary>
internal sealed class TypingClient(ServerSession server, string uri, string text, int typedLine, string typedText, IReadOnlyList<int> explainLines)
{
    public List<double> CompletionMs { get; } = [];

    public List<double> ExplainMs { get; } = [];

    public int Sent { get; private set; }

    public int Answered { get; private set; }

    public int CacheHits { get; private set; }

    public int Explains { get; private set; }

    public async Task RunAsync(int keys, CancellationToken cancellationToken)
    {
        await server.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text } });
        var column = 8;
        for (var key = 0; key < Math.Min(keys, typedText.Length); key++)
        {
            var position = new { line = typedLine, character = column };
            await server.NotifyAsync("textDocument/didChange", new
            {
                textDocument = new { uri, version = key + 2 },
                contentChanges = new[] { new { range = new { start = position, end = position }, text = typedText[key].ToString() } },
            });
            column++;
            await TimedAsync(CompletionMs, "textDocument/inlineCompletion", new
            {
                textDocument = new { uri },
                position = new { line = typedLine, character = column },
                context = new { triggerKind = 2 },
            }, cancellationToken);
        }

        foreach (var line in explainLines)
        {
            var result = await TimedAsync(ExplainMs, "codeAssist/explain", new
            {
                textDocument = new { uri },
                range = new { start = new { line, character = 0 }, end = new { line = line + 3, character = 0 } },
            }, cancellationToken);
            Explains++;
            if (result is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("fromCache", out var fromCache) && fromCache.GetBoolean())
            {
                CacheHits++;
            }
        }
    }

    private async Task<JsonElement?> TimedAsync(List<double> samples, string method, object parameters, CancellationToken cancellationToken)
    {
        Sent++;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await server.RequestAsync(method, parameters, cancellationToken);
            samples.Add(stopwatch.Elapsed.TotalMilliseconds);
            Answered++;
            return result;
        }
        catch (StreamJsonRpc.RemoteInvocationException exception)
        {
            Console.Error.WriteLine($"{method} failed: {exception.Message}");
            return null;
        }
    }
}

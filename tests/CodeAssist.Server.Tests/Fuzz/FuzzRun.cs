using System.Text.Json;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.Server.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace CodeAssist.Server.Tests.Fuzz;

/// <summary>
/// Sends one batch of generated frames through a fresh `codeassist serve` over stdio and checks the properties:
/// the process lives, a valid request after the batch is answered, every request id gets exactly as many answers
/// as frames carried it, no other id is answered, everything the server wrote is JSON-RPC 2.0, and it still shuts
/// down cleanly.
/// </summary>
internal static class FuzzRun
{
    private static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(90);

    public static async Task RunAsync(FuzzFrame[] frames, ITestOutputHelper output)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var phases = new List<string>();
        var writer = new FrameWriter();
        var bytes = frames.SelectMany(writer.Write).ToArray();
        await using var server = ServerProcess.Start();
        var client = server.Client;
        await client.InitializeAsync();

        phases.Add($"started {clock.ElapsedMilliseconds} ms");
        await client.WriteRawAsync(bytes);
        phases.Add($"written {clock.ElapsedMilliseconds} ms");

        // Still serving after everything above (this request queues behind the batch's mutations).
        var status = await client.RequestAsync("codeAssist/serverStatus", new { });
        Assert.Equal(JsonValueKind.Object, ResponseAssert.Result(status).ValueKind);
        Assert.False(server.HasExited, server.Stderr);

        phases.Add($"status answered {clock.ElapsedMilliseconds} ms");

        // Reads run concurrently, so some answers may still be on their way: wait for the count, not for a time.
        using (var deadline = new CancellationTokenSource(AnswerDeadline))
        {
            while (CountAnswers(client.SeenNotifications).Values.Sum() < writer.RequestCount && !deadline.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
            }
        }

        phases.Add($"all answered {clock.ElapsedMilliseconds} ms");
        ResponseAssert.Result(await client.RequestAsync("shutdown"));
        await client.NotifyAsync("exit");
        Assert.Equal(0, await server.WaitForExitAsync());
        await client.Closed;
        phases.Add($"exited {clock.ElapsedMilliseconds} ms");

        var messages = client.SeenNotifications;
        Assert.All(messages, m => Assert.Equal("2.0", m.GetProperty("jsonrpc").GetString()));
        Assert.All(messages.Where(m => !m.TryGetProperty("method", out _)), m =>
            Assert.True(m.TryGetProperty("result", out _) ^ m.TryGetProperty("error", out _), m.ToString()));

        var answers = CountAnswers(messages);
        var wrong = writer.Expected.Keys.Union(answers.Keys)
            .Where(key => writer.Expected.GetValueOrDefault(key) != answers.GetValueOrDefault(key))
            .Select(key => $"id {key}: {answers.GetValueOrDefault(key)} answers, expected {writer.Expected.GetValueOrDefault(key)}; frame {writer.BodyOf(key)}")
            .ToList();
        output.WriteLine($"{frames.Length} frames ({bytes.Length} bytes): {writer.RequestCount} requests with an id, {answers.Values.Sum()} answers with one, {messages.Count} messages from the server; {string.Join(", ", phases)}.");
        Assert.True(wrong.Count == 0, $"{wrong.Count} ids answered the wrong number of times:\n" + string.Join("\n", wrong.Take(20)));

        // Bad params are InvalidParams naming the field, never a handler's NullReferenceException (InternalError).
        var internalErrors = messages
            .Where(m => m.TryGetProperty("error", out var error) && error.GetProperty("code").GetInt32() == -32603)
            .Select(m => $"{m.GetProperty("error").GetProperty("message").GetString()}; frame {BodyOfAnswer(writer, m)}")
            .ToList();
        Assert.True(internalErrors.Count == 0, $"{internalErrors.Count} InternalError answers:\n" + string.Join("\n", internalErrors.Take(20)));
    }

    private static string BodyOfAnswer(FrameWriter writer, JsonElement answer) => answer.GetProperty("id") switch
    {
        { ValueKind: JsonValueKind.Number } id => writer.BodyOf(FrameWriter.KeyOf(id.GetInt64())),
        { ValueKind: JsonValueKind.String } id => writer.BodyOf(FrameWriter.KeyOf(id.GetString()!)),
        _ => "?",
    };

    /// <summary>Answers per id key; the answers with a null id (to unreadable frames) are not counted.</summary>
    private static Dictionary<string, int> CountAnswers(IReadOnlyList<JsonElement> messages)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.TryGetProperty("method", out _) || !message.TryGetProperty("id", out var id))
            {
                continue;
            }

            var key = id.ValueKind switch
            {
                JsonValueKind.Number => FrameWriter.KeyOf(id.GetInt64()),
                JsonValueKind.String => FrameWriter.KeyOf(id.GetString()!),
                _ => null,
            };
            if (key is not null)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }
}

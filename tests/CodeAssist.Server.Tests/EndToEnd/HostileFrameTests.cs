using System.Text.Json;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Tests.Infrastructure;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>
/// Single frames from a hostile or broken client (issue #12.4), written as raw bytes to the real `codeassist serve`:
/// each fails alone (a request gets one error with its id) or is dropped with a log line, and the server keeps serving.
/// </summary>
public sealed class HostileFrameTests : StartedServerTest
{
    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":501,\"method\":null}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":501,\"method\":\"\"}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":501,\"method\":[\"initialize\"],\"params\":{}}")]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":501,\"method\":\"codeAssist/serverStatus\",\"params\":{}}")]
    [InlineData("{\"id\":501,\"method\":\"codeAssist/serverStatus\",\"params\":{}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":501,\"method\":\"codeAssist/serverStatus\",\"params\":\"text\"}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":501,\"method\":\"codeAssist/serverStatus\",\"result\":1}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":501,\"method\":\"codeAssist/serverStatus\",\"method\":null}")]
    public async Task InvalidRequest_WithAnId_GetsInvalidRequestWithThatId(string frame)
    {
        var response = Client.ExpectResponse(501);
        await Client.WriteMessageAsync(frame);

        ResponseAssert.Error(await response, LspErrorCodes.InvalidRequest);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":null}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":42,\"params\":{}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":null,\"params\":{\"textDocument\":null}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":99999,\"result\":null}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":\"never-sent\",\"result\":{\"a\":1}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":99999,\"error\":{\"code\":-32000,\"message\":\"no\"}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":null}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":1}")]
    [InlineData("{\"jsonrpc\":\"2.0\"}")]
    [InlineData("{}")]
    public async Task InvalidNotificationOrStrayResponse_IsLoggedAndDropped(string frame)
    {
        await Client.WriteMessageAsync(frame);

        await Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("CodeAssist", StringComparison.Ordinal));
        await AssertStillServingAsync();
        Assert.DoesNotContain(Client.SeenNotifications, m => !m.TryGetProperty("method", out _));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("{\"a\":1}")]
    [InlineData("[7]")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("123456789012345678901234567890")]
    public async Task RequestWithAnIdThatIsNeitherIntegerNorString_GetsInvalidRequestWithIdNull(string id)
    {
        await Client.WriteMessageAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"codeAssist/serverStatus\",\"params\":{{}}}}");

        var response = await Client.WaitForMessageAsync(m => m.TryGetProperty("error", out _));
        ResponseAssert.Error(response, LspErrorCodes.InvalidRequest);
        Assert.Equal(JsonValueKind.Null, response.GetProperty("id").ValueKind);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task StringIds_AreAnsweredWithTheSameString()
    {
        await Client.WriteMessageAsync("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"codeAssist/serverStatus\",\"params\":{}}");

        var response = await Client.WaitForMessageAsync(m => m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String);
        Assert.Equal("abc", response.GetProperty("id").GetString());
        ResponseAssert.Result(response);
    }

    [Fact]
    public async Task Batch_GetsOneInvalidRequest_AndNoneOfItsRequestsRun()
    {
        await Client.WriteMessageAsync("[{\"jsonrpc\":\"2.0\",\"id\":601,\"method\":\"shutdown\"},{\"jsonrpc\":\"2.0\",\"id\":602,\"method\":\"codeAssist/serverStatus\"}]");

        var response = await Client.WaitForMessageAsync(m => m.TryGetProperty("error", out _));
        Assert.Contains("batch", ResponseAssert.Error(response, LspErrorCodes.InvalidRequest), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, response.GetProperty("id").ValueKind);
        await AssertStillServingAsync(); // shutdown did not run: later requests are still served
    }

    [Fact]
    public async Task SameIdTwice_GetsTwoAnswers_AndAtLeastOneResult()
    {
        // The second frame arrives while the first may still be in flight: it is either served (the first was done)
        // or refused as a duplicate; every frame gets exactly one answer either way, and the server lives.
        var first = Client.ExpectResponse(701);
        const string Frame = "{\"jsonrpc\":\"2.0\",\"id\":701,\"method\":\"codeAssist/serverStatus\",\"params\":{}}";
        var framed = $"Content-Length: {Frame.Length}\r\n\r\n{Frame}";
        await Client.WriteRawAsync(framed + framed); // one write: both frames arrive together

        var answers = new[]
        {
            await first,
            await Client.WaitForMessageAsync(m => m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt64() == 701),
        };
        Assert.Contains(answers, a => a.TryGetProperty("result", out _));
        Assert.All(answers, a => Assert.True(a.TryGetProperty("result", out _) || a.TryGetProperty("error", out _)));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task SecondResponseToAServerRequest_IsDropped()
    {
        var root = Directory.CreateTempSubdirectory("codeassist-hostile-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "A.cs"), "class A { }\n");
            await using var server = ServerProcess.Start();
            await server.Client.InitializeAsync(new { window = new { workDoneProgress = true } }, rootUri: new Uri(root.FullName).AbsoluteUri);

            // The test client answered the create request once; answer it again, then with an error.
            var created = await server.Client.WaitUntilSeenAsync(m => m.TryGetProperty("method", out var method) && method.GetString() == "window/workDoneProgress/create");
            var id = created.GetProperty("id").GetRawText();
            await server.Client.WriteMessageAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":null}}");
            await server.Client.WriteMessageAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{{\"code\":-32603,\"message\":\"late\"}}}}");

            await server.Client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "end");
            ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/serverStatus", new { }));
            Assert.False(server.HasExited, server.Stderr);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("codeAssist/serverStatus", "{\"textDocument\":{\"uri\":null}}", "uri")]
    [InlineData("codeAssist/context", "{\"textDocument\":{\"uri\":\"file:///a.cs\"}}", "position")]
    [InlineData("codeAssist/context", "{\"textDocument\":null,\"position\":{\"line\":0,\"character\":0}}", "textDocument")]
    [InlineData("textDocument/inlineCompletion", "{\"textDocument\":{\"uri\":\"file:///a.cs\"},\"position\":null,\"context\":{\"triggerKind\":1}}", "position")]
    [InlineData("textDocument/codeAction", "{\"textDocument\":{\"uri\":\"file:///a.cs\"},\"range\":null,\"context\":{\"diagnostics\":[]}}", "range")]
    [InlineData("textDocument/codeAction", "{\"textDocument\":{\"uri\":\"file:///a.cs\"},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}},\"context\":{\"diagnostics\":[null]}}", "diagnostics")]
    [InlineData("workspace/executeCommand", "{\"command\":null}", "command")]
    public async Task NullOrMissingParamsField_GetsInvalidParamsNamingTheField(string method, string parameters, string field)
    {
        var response = Client.ExpectResponse(801);
        await Client.WriteMessageAsync($"{{\"jsonrpc\":\"2.0\",\"id\":801,\"method\":\"{method}\",\"params\":{parameters}}}");

        var message = ResponseAssert.Error(await response, LspErrorCodes.InvalidParams);
        Assert.Contains(field, message, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("textDocument/didOpen", "{\"textDocument\":null}")]
    [InlineData("textDocument/didChange", "{\"textDocument\":{\"uri\":\"file:///a.cs\",\"version\":2},\"contentChanges\":[null]}")]
    [InlineData("textDocument/didClose", "{\"textDocument\":{\"uri\":null}}")]
    [InlineData("workspace/didChangeWatchedFiles", "{\"changes\":[null,{\"uri\":null,\"type\":1}]}")]
    [InlineData("workspace/didChangeConfiguration", "{\"settings\":null}")]
    [InlineData("$/cancelRequest", "{\"id\":null}")]
    [InlineData("$/setTrace", "{\"value\":null}")]
    public async Task NotificationWithNullFields_IsIgnored(string method, string parameters)
    {
        await Client.WriteMessageAsync($"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"params\":{parameters}}}");

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task CancelRequestSentAsARequest_GetsOneAnswer()
    {
        var response = Client.ExpectResponse(901);
        await Client.WriteMessageAsync("{\"jsonrpc\":\"2.0\",\"id\":901,\"method\":\"$/cancelRequest\",\"params\":{\"id\":1}}");

        Assert.True((await response).TryGetProperty("error", out _));
        await AssertStillServingAsync();
    }
}

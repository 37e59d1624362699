using System.Text.Json;
using CodeAssist.Server.Protocol;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>Each bad input gets a clear error (or is ignored with a log line) and the next request is still answered.</summary>
public sealed class BadInputTests : StartedServerTest
{
    private const string Uri = "file:///tmp/bad-input/a.cs";

    [Fact]
    public async Task UnknownMethod_GetsMethodNotFound()
    {
        var message = ResponseAssert.Error(await Client.RequestAsync("textDocument/noSuchThing", new { }), LspErrorCodes.MethodNotFound);

        Assert.Contains("textDocument/noSuchThing", message);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task WrongParams_GetInvalidParams_NamingWhereTheyAreWrong()
    {
        var wrongType = ResponseAssert.Error(await Client.RequestAsync("codeAssist/serverStatus", new { textDocument = 5 }), LspErrorCodes.InvalidParams);
        var notAnObject = ResponseAssert.Error(await Client.RequestAsync("codeAssist/serverStatus", new[] { 1, 2 }), LspErrorCodes.InvalidParams);

        Assert.Contains("textDocument", wrongType);
        Assert.Contains("codeAssist/serverStatus", notAnObject);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task NotificationWithWrongParams_IsIgnored()
    {
        await Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri } }); // no text, version...

        var status = await Client.RequestAsync("codeAssist/serverStatus", new { });
        Assert.Equal(0, ResponseAssert.Result(status).GetProperty("openDocuments").GetInt32());
    }

    [Fact]
    public async Task MalformedJson_GetsParseError()
    {
        await Client.WriteMessageAsync("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":");

        var error = await Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("malformed", StringComparison.Ordinal));
        Assert.Equal((int)MessageType.Error, error.GetProperty("type").GetInt32());
        var response = await Client.WaitForMessageAsync(m => m.TryGetProperty("error", out _));
        ResponseAssert.Error(response, LspErrorCodes.ParseError);
        Assert.Equal(JsonValueKind.Null, response.GetProperty("id").ValueKind);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ValidJsonThatIsNotJsonRpc_GetsInvalidRequest_WithItsId()
    {
        var response = Client.ExpectResponse(4242);
        await Client.WriteMessageAsync("{\"jsonrpc\":\"2.0\",\"id\":4242,\"method\":17}");

        ResponseAssert.Error(await response, LspErrorCodes.InvalidRequest);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("Content-Length: abc\r\n\r\n{}")]
    [InlineData("Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}")]
    [InlineData("this is not a header at all\r\n\r\n")]
    [InlineData("\r\n\r\n")]
    public async Task MalformedHeaders_AreSkipped_AndTheNextFrameIsServed(string garbage)
    {
        await Client.WriteRawAsync(garbage);

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task DidChange_ForADocumentThatIsNotOpen_IsIgnoredWithALogMessage()
    {
        await Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = "file:///tmp/never-opened.cs", version = 2 },
            contentChanges = new[] { new { text = "x" } },
        });

        var log = await Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("not open", StringComparison.Ordinal));
        Assert.Equal((int)MessageType.Warning, log.GetProperty("type").GetInt32());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task DidChange_WithAVersionGoingBackwards_IsIgnored()
    {
        await Client.OpenAsync(Uri, "class A {}", version: 5);
        await Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version = 3 },
            contentChanges = new[] { new { text = "stale" } },
        });

        var document = await Client.ServerDocumentAsync(Uri);
        Assert.Equal("class A {}", document.GetProperty("text").GetString());
        Assert.Equal(5, document.GetProperty("version").GetInt32());
        await Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("older", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DidChange_WithARangeOutsideTheDocument_IsClamped()
    {
        await Client.OpenAsync(Uri, "abc\ndef");
        await Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 1, character = 1 }, end = new { line = 99, character = 99 } }, text = "!" } },
        });

        var document = await Client.ServerDocumentAsync(Uri);
        Assert.Equal("abc\nd!", document.GetProperty("text").GetString());
    }

    [Fact]
    public async Task DidClose_ForAnUnknownDocument_IsIgnored()
    {
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = "file:///tmp/unknown.cs" } });

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task UnknownNotification_IsIgnored()
    {
        await Client.NotifyAsync("$/somethingNew", new { value = 1 });
        await Client.NotifyAsync("custom/notification", new { });

        await AssertStillServingAsync();
    }
}

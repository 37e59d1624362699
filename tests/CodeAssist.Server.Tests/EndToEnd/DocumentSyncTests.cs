using CodeAssist.Server.Tests.Infrastructure;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>Document sync through the real server, checked with codeAssist/serverStatus.</summary>
public sealed class DocumentSyncTests
{
    private const string Uri = "file:///tmp/sync/Program.cs";

    private static object Change(int version, params object[] changes) =>
        new { textDocument = new { uri = Uri, version }, contentChanges = changes };

    private static object Edit(int startLine, int startCharacter, int endLine, int endCharacter, string text) =>
        new { range = new { start = new { line = startLine, character = startCharacter }, end = new { line = endLine, character = endCharacter } }, text };

    [Fact]
    public async Task IncrementalAndFullChanges_KeepTheServersTextExact()
    {
        await using var server = ServerProcess.Start();
        var client = server.Client;
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "class A\r\n{\r\n    // \U0001F600\r\n}\r\n");

        await client.NotifyAsync("textDocument/didChange", Change(2, Edit(2, 9, 2, 9, " ok"), Edit(0, 7, 0, 7, " : B")));
        var afterIncremental = await client.ServerDocumentAsync(Uri);
        Assert.Equal("class A : B\r\n{\r\n    // \U0001F600 ok\r\n}\r\n", afterIncremental.GetProperty("text").GetString());
        Assert.Equal(2, afterIncremental.GetProperty("version").GetInt32());
        Assert.Equal(5, afterIncremental.GetProperty("lineCount").GetInt32());

        await client.NotifyAsync("textDocument/didChange", Change(3, new { text = "class Z {}" }));
        Assert.Equal("class Z {}", (await client.ServerDocumentAsync(Uri)).GetProperty("text").GetString());

        await client.NotifyAsync("textDocument/didSave", new { textDocument = new { uri = Uri } });
        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Uri } });
        var status = await client.RequestAsync("codeAssist/serverStatus", new { textDocument = new { uri = Uri } });
        Assert.Equal(0, ResponseAssert.Result(status).GetProperty("openDocuments").GetInt32());
        Assert.False(ResponseAssert.Result(status).TryGetProperty("document", out _));
    }

    [Fact]
    public async Task Utf8PositionEncoding_IsHonouredInChanges()
    {
        await using var server = ServerProcess.Start();
        var client = server.Client;
        await client.InitializeAsync(new { general = new { positionEncodings = new[] { "utf-8" } } });
        await client.OpenAsync(Uri, "var s = \"\u00e9\U0001F600\";");

        // In bytes: 'var s = "' is 9, 'é' 2, the emoji 4: character 15 is just after the emoji.
        await client.NotifyAsync("textDocument/didChange", Change(2, Edit(0, 15, 0, 15, "!")));

        Assert.Equal("var s = \"\u00e9\U0001F600!\";", (await client.ServerDocumentAsync(Uri)).GetProperty("text").GetString());
    }

    [Fact]
    public async Task ManyQuickChanges_AreAppliedInOrder()
    {
        await using var server = ServerProcess.Start();
        var client = server.Client;
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "");

        for (var i = 0; i < 200; i++)
        {
            await client.NotifyAsync("textDocument/didChange", Change(i + 2, Edit(0, i, 0, i, ((char)('a' + (i % 26))).ToString())));
        }

        var expected = string.Concat(Enumerable.Range(0, 200).Select(i => (char)('a' + (i % 26))));
        var document = await client.ServerDocumentAsync(Uri);
        Assert.Equal(expected, document.GetProperty("text").GetString());
        Assert.Equal(201, document.GetProperty("version").GetInt32());
    }
}

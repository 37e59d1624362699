using System.Text;
using System.Text.Json;
using CodeAssist.Server.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>
/// Documents over the size limit (maxDocumentSizeKb, 2 MB by default) stay out of the Roslyn workspace: syntax
/// diagnostics only, no suggestions, one message per document; and their memory is given back after didClose.
/// </summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class LargeDocumentTests(ITestOutputHelper output) : IDisposable
{
    private const long MiB = 1024 * 1024;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("codeassist-large-");

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>
    /// The workspace: an empty folder. The large files live beside it, not in it, so that the background load of a
    /// loose folder never takes them in from disk (the limit is about open documents, not about a project's files).
    /// </summary>
    private string WorkspaceRoot => _root.CreateSubdirectory("workspace").FullName;

    [Fact]
    public async Task OversizedDocument_GetsSyntaxDiagnosticsOnly_NoSuggestions_AndIsToldOnce()
    {
        var (uri, text) = WriteLargeFile("Big.cs", 0);
        await using var server = ServerProcess.Start();
        var client = server.Client;
        await client.InitializeAsync(rootUri: new Uri(WorkspaceRoot).AbsoluteUri);

        await client.OpenAsync(uri, text);
        var diagnostics = await WaitForDiagnosticsAsync(client, uri);
        var codes = diagnostics.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()).ToList();
        Assert.Contains("CS1525", codes); // the syntax error at the end: `int broken = ;`
        Assert.DoesNotContain("CS0246", codes); // the unknown type would need binding, which a huge document never gets

        var completion = ResponseAssert.Result(await client.RequestAsync("textDocument/inlineCompletion", new
        {
            textDocument = new { uri },
            position = new { line = 2, character = 4 },
            context = new { triggerKind = 1 },
        }));
        Assert.True(completion.ValueKind == JsonValueKind.Null || completion.GetProperty("items").GetArrayLength() == 0, completion.ToString());

        var status = ResponseAssert.Result(await client.RequestAsync("codeAssist/serverStatus", new { textDocument = new { uri } }));
        Assert.False(status.GetProperty("document").GetProperty("inWorkspace").GetBoolean());

        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        await client.OpenAsync(uri, text, version: 2);
        await client.WaitUntilSeenAsync(m => IsDiagnostics(m, uri)
            && m.GetProperty("params").TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == 2);
        var told = client.SeenNotifications.Count(m => m.TryGetProperty("method", out var method) && method.GetString() == "window/showMessage"
            && m.GetProperty("params").GetProperty("message").GetString()!.Contains("Big.cs is 6.0 MB, over the 2048 KB limit (setting maxDocumentSizeKb)", StringComparison.Ordinal));
        Assert.Equal(1, told);
    }

    [Fact]
    public async Task FiveLargeDocuments_OpenedAndClosed_GiveTheirMemoryBack()
    {
        await using var server = ServerProcess.Start();
        var client = server.Client;
        await client.InitializeAsync(rootUri: new Uri(WorkspaceRoot).AbsoluteUri);
        var (smallUri, smallText) = (new Uri(Path.Combine(WorkspaceRoot, "Small.cs")).AbsoluteUri, "class Small { int X; }\n");
        await client.OpenAsync(smallUri, smallText);
        await WaitForDiagnosticsAsync(client, smallUri);
        var baseline = server.ResidentBytes();

        for (var i = 0; i < 5; i++)
        {
            var (uri, text) = WriteLargeFile($"Big{i}.cs", i);
            await client.OpenAsync(uri, text);
            await WaitForDiagnosticsAsync(client, uri);
            await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        }

        // The round trip makes sure the last didClose was handled; then the memory is released in the background.
        ResponseAssert.Result(await client.RequestAsync("codeAssist/serverStatus", new { }));
        var resident = server.ResidentBytes();
        for (var i = 0; i < 600 && resident > baseline + (300 * MiB); i++)
        {
            await Task.Delay(100);
            resident = server.ResidentBytes();
        }

        output.WriteLine($"VmRSS: baseline {baseline / MiB} MiB, after five 6 MB documents opened and closed {resident / MiB} MiB");
        Assert.True(resident <= baseline + (300 * MiB), $"RSS {resident / MiB} MiB after closing, baseline {baseline / MiB} MiB");
    }

    private static bool IsDiagnostics(JsonElement message, string uri) =>
        message.TryGetProperty("method", out var method) && method.GetString() == "textDocument/publishDiagnostics"
        && message.GetProperty("params").GetProperty("uri").GetString() == uri;

    private static Task<JsonElement> WaitForDiagnosticsAsync(LspTestClient client, string uri) =>
        client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri);

    /// <summary>About 6 MB of C#: many small members, an unknown type and, at the end, a syntax error.</summary>
    private (string Uri, string Text) WriteLargeFile(string name, int seed)
    {
        var text = new StringBuilder($"class Generated{seed}\n{{\n    UnknownType field;\n");
        for (var i = 0; text.Length < 6 * MiB - 64; i++)
        {
            text.Append("    public int Member").Append(i).Append("() => ").Append(i + seed).Append(";\n");
        }

        text.Append("    int broken = ;\n}\n");
        var path = Path.Combine(_root.CreateSubdirectory("outside").FullName, name);
        File.WriteAllText(path, text.ToString());
        return (new Uri(path).AbsoluteUri, text.ToString());
    }
}

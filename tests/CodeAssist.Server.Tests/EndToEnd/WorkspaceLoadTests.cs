using CodeAssist.Server.Tests.Infrastructure;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>The real server with the real workspace: loading the root reports progress and status, documents reach Roslyn.</summary>
public sealed class WorkspaceLoadTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("codeassist-server-ws-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task LooseFolder_LoadsWithProgressAndStatus_AndOpenDocumentsReachTheWorkspace()
    {
        var file = Path.Combine(_root.FullName, "Greeter.cs");
        await File.WriteAllTextAsync(file, "class Greeter { }\n");
        var uri = new Uri(file).AbsoluteUri;
        await using var server = ServerProcess.Start();
        var client = server.Client;

        await client.InitializeAsync(
            new { window = new { workDoneProgress = true }, workspace = new { didChangeWatchedFiles = new { dynamicRegistration = true } } },
            rootUri: new Uri(_root.FullName).AbsoluteUri);

        // Registration and loading run side by side: their messages may come in either order.
        var registration = await client.WaitUntilSeenAsync(m => m.TryGetProperty("method", out var method) && method.GetString() == "client/registerCapability");
        var registered = registration.GetProperty("params").GetProperty("registrations")[0];
        Assert.Equal("workspace/didChangeWatchedFiles", registered.GetProperty("method").GetString());
        Assert.Contains("**/*.cs", registered.GetProperty("registerOptions").GetProperty("watchers").EnumerateArray().Select(w => w.GetProperty("globPattern").GetString()));

        var created = await client.WaitUntilSeenAsync(m => m.TryGetProperty("method", out var method) && method.GetString() == "window/workDoneProgress/create");
        var token = created.GetProperty("params").GetProperty("token").GetString();
        var begin = await client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "begin");
        Assert.Equal(token, begin.GetProperty("token").GetString());
        Assert.Contains("loading workspace", begin.GetProperty("value").GetProperty("title").GetString());
        var end = await client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "end");
        Assert.Equal(token, end.GetProperty("token").GetString());

        Assert.Contains(client.SeenNotifications, m => m.TryGetProperty("method", out var method) && method.GetString() == "codeAssist/status"
            && m.GetProperty("params").GetProperty("state").GetString() == "loading");
        await client.WaitForNotificationAsync("codeAssist/status", p => p.GetProperty("state").GetString() == "noModel");

        await client.OpenAsync(uri, "class Greeter { void Hi() { } }\n");
        var status = ResponseAssert.Result(await client.RequestAsync("codeAssist/serverStatus", new { textDocument = new { uri } }));
        Assert.Equal("AdHoc", status.GetProperty("workspace").GetString());
        Assert.True(status.GetProperty("document").GetProperty("inWorkspace").GetBoolean());

        var added = Path.Combine(_root.FullName, "Added.cs");
        await File.WriteAllTextAsync(added, "class Added { }\n");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = new Uri(added).AbsoluteUri, type = 1 } } });
        ResponseAssert.Result(await client.RequestAsync("codeAssist/serverStatus", new { }));
    }
}

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

        await client.InitializeAsync(new { window = new { workDoneProgress = true } }, rootUri: new Uri(_root.FullName).AbsoluteUri);

        var created = await client.WaitForMessageAsync(m => m.TryGetProperty("method", out var method) && method.GetString() == "window/workDoneProgress/create");
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
    }
}

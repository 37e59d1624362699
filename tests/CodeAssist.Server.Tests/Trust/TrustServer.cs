using System.Text.Json;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.Server.Tests.Infrastructure;
using CodeAssist.TestUtilities.Http;

namespace CodeAssist.Server.Tests.Trust;

/// <summary>The real `codeassist serve` on a temp folder, with a recording OpenAI-compatible endpoint as the model server.</summary>
internal sealed class TrustServer : IAsyncDisposable
{
    private TrustServer(string folder, ServerProcess process, RecordingModelServer endpoint)
    {
        Folder = folder;
        Process = process;
        Endpoint = endpoint;
    }

    public string Folder { get; }

    public ServerProcess Process { get; }

    public RecordingModelServer Endpoint { get; }

    public LspTestClient Client => Process.Client;

    /// <summary>Writes the files, starts the server and the endpoint; <paramref name="initializationOptions"/> may use {endpoint}.</summary>
    public static async Task<TrustServer> StartAsync(Func<string, object?> initializationOptions, params (string Name, string Text)[] files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "codeassist-trust-srv-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), text);
        }

        var endpoint = new RecordingModelServer();
        var process = ServerProcess.Start();
        var server = new TrustServer(folder, process, endpoint);
        await process.Client.InitializeAsync(
            capabilities: new { window = new { workDoneProgress = false } },
            initializationOptions: initializationOptions(endpoint.BaseUrl),
            rootUri: new Uri(folder + "/").AbsoluteUri);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = ResponseAssert.Result(await process.Client.RequestAsync("codeAssist/serverStatus", new { }));
            if (status.GetProperty("workspace").GetString() is "AdHoc" or "Loaded")
            {
                break;
            }

            await Task.Delay(100);
        }

        return server;
    }

    public string Uri(string name) => new Uri(Path.Combine(Folder, name)).AbsoluteUri;

    public async Task<JsonElement> OpenAsync(string name)
    {
        await Client.OpenAsync(Uri(name), await File.ReadAllTextAsync(Path.Combine(Folder, name)));
        return ResponseAssert.Result(await Client.RequestAsync("codeAssist/serverStatus", new { textDocument = new { uri = Uri(name) } }));
    }

    public async Task<JsonElement> ExplainAsync(string name, int startLine, int endLine) =>
        ResponseAssert.Result(await Client.RequestAsync("codeAssist/explain", new
        {
            textDocument = new { uri = Uri(name) },
            range = new { start = new { line = startLine, character = 0 }, end = new { line = endLine, character = 1 } },
        }));

    public IReadOnlyList<string> ShownMessages => [.. Client.SeenNotifications
        .Where(n => n.TryGetProperty("method", out var method) && method.GetString() == "window/showMessage")
        .Select(n => n.GetProperty("params").GetProperty("message").GetString() ?? "")];

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await Endpoint.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

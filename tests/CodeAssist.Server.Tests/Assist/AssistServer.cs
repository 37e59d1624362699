using CodeAssist.Context;
using CodeAssist.Llm;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.Server.Tests.Infrastructure;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CodeAssist.Server.Tests.Assist;

/// <summary>The real server over JSON-RPC frames with the real workspace session on a temp folder and a scripted model.</summary>
internal sealed class AssistServer : IAsyncDisposable
{
    private AssistServer(string folder, InProcessServer server)
    {
        Folder = folder;
        Server = server;
    }

    public string Folder { get; }

    public InProcessServer Server { get; }

    public LspTestClient Client => Server.Client;

    public static Task<AssistServer> StartAsync(IChatClient? chatClient, params (string Name, string Text)[] files) =>
        StartAsync(chatClient, session: null, files);

    /// <summary>
    /// With a <paramref name="session"/> of the test's own, only the first file is opened (the others are on disk),
    /// without waiting for its load: an editor with one file open while the project loads.
    /// </summary>
    public static async Task<AssistServer> StartAsync(IChatClient? chatClient, IWorkspaceSession? session, params (string Name, string Text)[] files)
    {
        var waitForWorkspace = session is null;
        var folder = Path.Combine(Path.GetTempPath(), "codeassist-assist-srv-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), text);
        }

        var server = InProcessServer.Start(services =>
        {
            if (session is null)
            {
                services.AddSingleton<IWorkspaceSession, WorkspaceSession>();
            }
            else
            {
                services.AddSingleton(session);
            }

            services.AddSingleton<ILanguageModels>(new FakeLanguageModels(chatClient));
            services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        });
        await server.Client.InitializeAsync(capabilities: new { window = new { workDoneProgress = false } }, rootUri: new Uri(folder + "/").AbsoluteUri);
        for (var attempt = 0; waitForWorkspace && attempt < 300; attempt++)
        {
            var status = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/serverStatus", new { }));
            if (status.GetProperty("workspace").GetString() is "AdHoc" or "Loaded")
            {
                break;
            }

            await Task.Delay(100);
        }

        var assist = new AssistServer(folder, server);
        foreach (var (name, text) in waitForWorkspace ? files : files[..1])
        {
            await server.Client.OpenAsync(assist.Uri(name), text);
        }

        return assist;
    }

    public string Uri(string name) => new Uri(Path.Combine(Folder, name)).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

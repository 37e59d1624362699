using System.Text.Json;
using CodeAssist.Server.Client;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace CodeAssist.Server.Workspace;

/// <summary>
/// Asks the client to watch C# sources and project files (client/registerCapability), when it supports dynamic
/// registration of workspace/didChangeWatchedFiles. Sent in the background: the queue never waits on the client.
/// </summary>
internal sealed class WatchedFilesRegistration(ServerState state, LanguageClient client, ILogger<WatchedFilesRegistration> logger)
{
    private static readonly string[] Globs = ["**/*.cs", "**/*.csproj", "**/*.sln", "**/*.slnx", "**/*.props", "**/*.targets"];

    public void Start()
    {
        if (!ClientSupportsIt(state.ClientCapabilities))
        {
            return;
        }

        var registration = new Registration(
            "codeassist-watched-files",
            "workspace/didChangeWatchedFiles",
            new DidChangeWatchedFilesRegistrationOptions([.. Globs.Select(glob => new Protocol.FileSystemWatcher(glob))]));
        _ = Task.Run(async () =>
        {
            try
            {
                await client.RequestAsync<object>("client/registerCapability", new RegistrationParams([registration]), CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RemoteRpcException or ConnectionLostException or ObjectDisposedException or InvalidOperationException)
            {
                ServerLog.SendFailed(logger, "client/registerCapability", exception);
            }
        });
    }

    private static bool ClientSupportsIt(ClientCapabilities capabilities) =>
        capabilities.Workspace is { ValueKind: JsonValueKind.Object } workspace
        && workspace.TryGetProperty("didChangeWatchedFiles", out var watched)
        && watched.ValueKind == JsonValueKind.Object
        && watched.TryGetProperty("dynamicRegistration", out var dynamic)
        && dynamic.ValueKind == JsonValueKind.True;
}

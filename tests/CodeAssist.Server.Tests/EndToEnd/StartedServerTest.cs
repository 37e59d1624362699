using System.Text.Json;
using CodeAssist.Server.Tests.Infrastructure;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>
/// A test class whose every test gets its own initialized `codeassist serve` process, for tests that feed it bad
/// input and then check it still serves.
/// </summary>
public abstract class StartedServerTest : IAsyncLifetime
{
    private ServerProcess _server = null!;

    private protected LspTestClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        _server = ServerProcess.Start();
        await Client.InitializeAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The server answers a status request and its process is still running.</summary>
    private protected async Task AssertStillServingAsync()
    {
        var response = await Client.RequestAsync("codeAssist/serverStatus", new { });
        Assert.Equal(JsonValueKind.Object, ResponseAssert.Result(response).ValueKind);
        Assert.False(_server.HasExited, _server.Stderr);
    }
}

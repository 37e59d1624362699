using CodeAssist.Server.Protocol;
using CodeAssist.Server.Tests.Infrastructure;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>The real `codeassist serve` process: initialize, shutdown, exit and their error codes.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Initialize_AdvertisesSyncEncodingAndServerInfo()
    {
        await using var server = ServerProcess.Start();

        var result = ResponseAssert.Result(await server.Client.InitializeAsync());

        var capabilities = result.GetProperty("capabilities");
        Assert.Equal("utf-16", capabilities.GetProperty("positionEncoding").GetString());
        Assert.Equal(2, capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.True(capabilities.GetProperty("textDocumentSync").GetProperty("openClose").GetBoolean());
        Assert.Contains("codeAssist/serverStatus", capabilities.GetProperty("experimental").GetProperty("codeAssist").GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("codeassist", result.GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("serverInfo").GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Initialize_ChoosesUtf8_WhenTheClientPrefersIt()
    {
        await using var server = ServerProcess.Start();

        var result = ResponseAssert.Result(await server.Client.InitializeAsync(new { general = new { positionEncodings = new[] { "utf-8", "utf-16" } } }));

        Assert.Equal("utf-8", result.GetProperty("capabilities").GetProperty("positionEncoding").GetString());
    }

    [Fact]
    public async Task RequestBeforeInitialize_GetsServerNotInitialized_ThenInitializeWorks()
    {
        await using var server = ServerProcess.Start();

        var message = ResponseAssert.Error(await server.Client.RequestAsync("codeAssist/serverStatus", new { }), LspErrorCodes.ServerNotInitialized);
        Assert.Contains("not initialized", message);
        ResponseAssert.Result(await server.Client.InitializeAsync());
    }

    [Fact]
    public async Task SecondInitialize_IsAnInvalidRequest()
    {
        await using var server = ServerProcess.Start();
        await server.Client.InitializeAsync();

        ResponseAssert.Error(await server.Client.RequestAsync("initialize", new { capabilities = new { } }), LspErrorCodes.InvalidRequest);
        ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/serverStatus", new { }));
    }

    [Fact]
    public async Task ShutdownThenExit_ExitsWithZero_AndRefusesRequestsInBetween()
    {
        await using var server = ServerProcess.Start();
        await server.Client.InitializeAsync();

        var shutdown = await server.Client.RequestAsync("shutdown");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, ResponseAssert.Result(shutdown).ValueKind);
        ResponseAssert.Error(await server.Client.RequestAsync("codeAssist/serverStatus", new { }), LspErrorCodes.InvalidRequest);
        await server.Client.NotifyAsync("exit");

        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task ExitWithoutShutdown_ExitsWithOne()
    {
        await using var server = ServerProcess.Start();
        await server.Client.InitializeAsync();

        await server.Client.NotifyAsync("exit");

        Assert.Equal(1, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task ClientClosingStdinWithoutShutdown_ExitsWithOne()
    {
        await using var server = ServerProcess.Start();
        await server.Client.InitializeAsync();

        server.CloseInput();

        Assert.Equal(1, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task Stdout_CarriesOnlyFrames_LogsGoToStderr()
    {
        await using var server = ServerProcess.Start("--log-level", "debug");
        await server.Client.InitializeAsync();
        await server.Client.OpenAsync("file:///tmp/log.cs", "class C {}");
        await server.Client.RequestAsync("shutdown");
        await server.Client.NotifyAsync("exit");
        await server.WaitForExitAsync();

        // Every byte of stdout was parsed as a frame by the client (it would have thrown otherwise); the logs went to stderr.
        Assert.Contains("listening on stdio", server.Stderr);
        Assert.Contains("textDocument/didOpen", server.Stderr);
    }

    [Fact]
    public async Task LogFile_ReceivesTheLogs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"codeassist-test-{Guid.NewGuid():N}.log");
        try
        {
            await using (var server = ServerProcess.Start("--log-file", path))
            {
                await server.Client.InitializeAsync();
                await server.Client.RequestAsync("shutdown");
                await server.Client.NotifyAsync("exit");
                Assert.Equal(0, await server.WaitForExitAsync());
            }

            var log = await File.ReadAllTextAsync(path);
            Assert.Contains("listening on stdio", log);
            Assert.Contains("Initialize from CodeAssist.Server.Tests", log);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using CodeAssist.Server.Protocol;
using CodeAssist.Server.Tests.Infrastructure;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

public sealed class ConfigurationAndStatusTests
{
    [Fact]
    public async Task InvalidInitializationOption_IsNamedInAShowMessage()
    {
        await using var server = ServerProcess.Start();

        ResponseAssert.Result(await server.Client.InitializeAsync(initializationOptions: new { completion = new { debounceMs = "soon" } }));

        var message = await server.Client.WaitForNotificationAsync("window/showMessage");
        Assert.Equal((int)MessageType.Warning, message.GetProperty("type").GetInt32());
        Assert.Contains("completion.debounceMs", message.GetProperty("message").GetString());
        Assert.Contains("editor", message.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DidChangeConfiguration_InvalidValue_IsNamed_AndTheServerKeepsServing()
    {
        await using var server = ServerProcess.Start();
        await server.Client.InitializeAsync();

        await server.Client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { codeassist = new { contextSize = "large", model = "m.gguf" } } });

        var message = await server.Client.WaitForNotificationAsync("window/showMessage");
        Assert.Contains("contextSize", message.GetProperty("message").GetString());
        ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/serverStatus", new { }));
    }

    [Fact]
    public async Task AfterInitialized_TheServerSendsCodeAssistStatus()
    {
        await using var server = ServerProcess.Start();
        await server.Client.InitializeAsync();

        var status = await server.Client.WaitForNotificationAsync("codeAssist/status");

        // No model is configured in tests: the status says so and how to add one.
        Assert.Equal("noModel", status.GetProperty("state").GetString());
        Assert.Contains("codeassist models pull", status.GetProperty("message").GetString());
    }
}

using CodeAssist.Features.Configuration;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.TestUtilities.Http;
using Xunit;

namespace CodeAssist.Server.Tests.Trust;

/// <summary>
/// Issue #12.1 over the wire: a repository's .codeassist.json that points the server at its own native library and
/// at another endpoint is ignored until the client says the user trusts the folder, and the user is told once.
/// </summary>
public sealed class WorkspaceTrustServerTests
{
    private const string Program = """
        class Program
        {
            static int TwiceProgramMarker(int x) => x * 2;
        }
        """;

    // {endpoint} is the recording endpoint: if the hostile settings were obeyed, the code would reach it.
    private static (string, string)[] Files(string endpoint) =>
    [
        ("Program.cs", Program),
        (".codeassist.json", $$"""{ "nativeLibraryPath": "native/libllama.so", "provider": "openai", "endpoint": "{{endpoint}}", "model": "m", "redactSecrets": false, "completion": { "debounceMs": 80 } }"""),
    ];

    [Fact]
    public async Task UntrustedFolder_HostileSettingsAreIgnored_ReportedOnce_AndNothingReachesTheirEndpoint()
    {
        await using var endpoint = new RecordingModelServer { ChatAnswer = "It returns a value." };
        await using var server = await TrustServer.StartAsync(_ => null, Files(endpoint.BaseUrl));

        // Reloads read the folder again; the notice is not repeated.
        await server.Client.NotifyAsync("codeAssist/didChangeTrust", new { trusted = false });
        await server.Client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { codeassist = new { trace = "info" } } });
        await server.OpenAsync("Program.cs");
        var explained = await server.ExplainAsync("Program.cs", 2, 2);

        var notices = server.ShownMessages.Where(m => m.Contains(OptionsLoader.UntrustedNoticeStart, StringComparison.Ordinal)).ToList();
        var notice = Assert.Single(notices);
        foreach (var key in new[] { "nativeLibraryPath", "provider", "endpoint", "redactSecrets" })
        {
            Assert.Contains(key, notice, StringComparison.Ordinal);
        }

        Assert.Contains("trust", notice, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("debounceMs", notice, StringComparison.Ordinal);
        Assert.Empty(endpoint.Requests);
        Assert.Contains("codeassist models pull", explained.GetProperty("notice").GetString(), StringComparison.Ordinal);

        var status = await server.Client.WaitForNotificationAsync("codeAssist/status", s => s.TryGetProperty("workspaceTrusted", out _));
        Assert.False(status.GetProperty("workspaceTrusted").GetBoolean());
        Assert.Contains("nativeLibraryPath", status.GetProperty("ignoredSettings").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrustedByTheClient_TheFolderSettingsAreObeyed()
    {
        await using var endpoint = new RecordingModelServer { ChatAnswer = "It returns a value." };
        await using var server = await TrustServer.StartAsync(_ => null, Files(endpoint.BaseUrl));

        await server.Client.NotifyAsync("codeAssist/didChangeTrust", new { trusted = true });
        await server.OpenAsync("Program.cs");
        var explained = await server.ExplainAsync("Program.cs", 2, 2);

        Assert.Contains("TwiceProgramMarker", endpoint.AllText, StringComparison.Ordinal);
        Assert.Equal("It returns a value.", explained.GetProperty("markdown").GetString()?.Trim());
        var status = await server.Client.WaitForNotificationAsync("codeAssist/status", s => s.TryGetProperty("workspaceTrusted", out var t) && t.GetBoolean());
        Assert.False(status.TryGetProperty("ignoredSettings", out _));
    }

    [Fact]
    public async Task TrustedAtInitialize_NoNoticeAndTheFolderEndpointIsUsed()
    {
        await using var endpoint = new RecordingModelServer { ChatAnswer = "It returns a value." };
        await using var server = await TrustServer.StartAsync(_ => new { workspaceTrusted = true }, Files(endpoint.BaseUrl));

        await server.OpenAsync("Program.cs");
        await server.ExplainAsync("Program.cs", 2, 2);

        Assert.DoesNotContain(server.ShownMessages, m => m.Contains(OptionsLoader.UntrustedNoticeStart, StringComparison.Ordinal));
        Assert.Contains("TwiceProgramMarker", endpoint.AllText, StringComparison.Ordinal);
        Assert.Empty(server.Endpoint.Requests);
    }

    [Fact]
    public async Task UntrustedAtInitialize_TheNoticeComesWithInitialize()
    {
        await using var endpoint = new RecordingModelServer { ChatAnswer = "It returns a value." };
        await using var server = await TrustServer.StartAsync(_ => new { workspaceTrusted = false }, Files(endpoint.BaseUrl));

        await server.OpenAsync("Program.cs");
        await server.ExplainAsync("Program.cs", 2, 2);

        Assert.Single(server.ShownMessages, m => m.Contains(OptionsLoader.UntrustedNoticeStart, StringComparison.Ordinal) && m.Contains("nativeLibraryPath", StringComparison.Ordinal));
        Assert.Empty(endpoint.Requests);
    }
}

using CodeAssist.Llm;
using CodeAssist.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>What the editor's output panel shows: verbose traces without document text, and a degraded model server.</summary>
public sealed class TraceRedactionTests : IAsyncLifetime
{
    private const string Secret = "Zq8vT3kLm2Pq9Xr4Wn7Ys1Bd6Fh0Jc5G";

    private readonly SettableLanguageModels _models = new();
    private InProcessServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = InProcessServer.Start(services => services.AddSingleton<ILanguageModels>(_models));
        await _server.Client.InitializeAsync(new { });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task VerboseTrace_OfDidOpen_ShowsTheTextsLengthNotTheText()
    {
        await _server.Client.NotifyAsync("$/setTrace", new { value = "verbose" });
        // A request after the notification: once it is answered, the trace level applies to what follows.
        await _server.Client.RequestAsync("codeAssist/serverStatus", new { });
        var text = $"class C {{ string apiKey = \"{Secret}\"; int VisibleCode = 1; }}";

        await _server.Client.OpenAsync("file:///secret.cs", text);

        var trace = await _server.Client.WaitForNotificationAsync(
            "$/logTrace",
            p => p.GetProperty("message").GetString()!.StartsWith("textDocument/didOpen", StringComparison.Ordinal) && p.TryGetProperty("verbose", out _));
        var verbose = trace.GetProperty("verbose").GetString()!;
        Assert.Contains("file:///secret.cs", verbose, StringComparison.Ordinal);
        Assert.Contains($"({text.Length} characters)", verbose, StringComparison.Ordinal);
        Assert.DoesNotContain("VisibleCode", verbose, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, verbose, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_DegradedModelServer_IsShownAsDegraded()
    {
        var info = new ModelInfo("remote-coder", "openai", 4096, true, "qwen2.5-coder", null);

        _models.Set(new ModelStatus(ModelState.Ready, "Degraded: the model server failed 3 times in a row.", info, Degraded: true));

        var status = await _server.Client.WaitForNotificationAsync("codeAssist/status", p => p.GetProperty("state").GetString() == "degraded");
        Assert.Contains("failed 3 times", status.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}

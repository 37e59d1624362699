using System.Text.Json;
using CodeAssist.Llm;
using CodeAssist.Server.Handlers;
using CodeAssist.Server.Status;
using CodeAssist.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>Server-to-client messages: $/progress (work done and partial results), $/logTrace, codeAssist/status.</summary>
public sealed class ClientMessagesTests : IAsyncLifetime
{
    private readonly SettableLanguageModels _models = new();
    private InProcessServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = InProcessServer.Start(services =>
        {
            services.AddSingleton<ILanguageModels>(_models);
            services.AddHandler<StreamingHandler>();
        });
        await _server.Client.InitializeAsync(new { window = new { workDoneProgress = true } });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task WorkDoneAndPartialResults_FlowThroughTheClientsTokens()
    {
        var result = await _server.Client.RequestAsync(StreamingHandler.Name, new { workDoneToken = "w1", partialResultToken = 77 });

        Assert.Equal("done", ResponseAssert.Result(result).GetString());
        var progress = _server.Client.SeenNotifications
            .Where(m => m.GetProperty("method").GetString() == "$/progress")
            .Select(m => m.GetProperty("params"))
            .ToList();
        Assert.Equal(["begin", "report", "end"], progress.Where(p => p.GetProperty("token").ValueKind == JsonValueKind.String).Select(p => p.GetProperty("value").GetProperty("kind").GetString()));
        Assert.All(progress.Where(p => p.GetProperty("token").ValueKind == JsonValueKind.String), p => Assert.Equal("w1", p.GetProperty("token").GetString()));
        Assert.Equal(["# Part", " two"], progress.Where(p => p.GetProperty("token").ValueKind == JsonValueKind.Number).Select(p => p.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task LogTrace_IsSentOnlyWhileTheClientAsksForIt()
    {
        await _server.Client.RequestAsync("codeAssist/serverStatus", new { });
        Assert.DoesNotContain(_server.Client.SeenNotifications, m => m.GetProperty("method").GetString() == "$/logTrace");

        await _server.Client.NotifyAsync("$/setTrace", new { value = "verbose" });
        await _server.Client.RequestAsync("codeAssist/serverStatus", new { });
        await _server.Client.RequestAsync("codeAssist/serverStatus", new { textDocument = new { uri = "file:///x.cs" } });

        // Verbose traces carry the params (read when the request arrives).
        // The first verbose trace may be either request's (the trace level applies in arrival order, but the two
        // requests run concurrently): wait for the one whose params name the document.
        var trace = await _server.Client.WaitForNotificationAsync(
            "$/logTrace",
            p => p.TryGetProperty("verbose", out var verbose) && verbose.GetString()!.Contains("file:///x.cs", StringComparison.Ordinal));
        Assert.StartsWith("codeAssist/serverStatus done in", trace.GetProperty("message").GetString());
        Assert.Contains("file:///x.cs", trace.GetProperty("verbose").GetString());
    }

    [Fact]
    public async Task Status_FollowsTheModels_AndGeneration()
    {
        await _server.Client.WaitForNotificationAsync("codeAssist/status", p => p.GetProperty("state").GetString() == "noModel");

        _models.Set(new ModelStatus(ModelState.Loading, "Loading tiny.gguf"));
        await _server.Client.WaitForNotificationAsync("codeAssist/status", p => p.GetProperty("state").GetString() == "loading");

        _models.Set(new ModelStatus(ModelState.Ready, "tiny.gguf ready", new ModelInfo("tiny.gguf", "local", 2048, true, "qwen2.5-coder", null)));
        var ready = await _server.Client.WaitForNotificationAsync("codeAssist/status", p => p.GetProperty("state").GetString() == "ready");
        Assert.Equal("tiny.gguf", ready.GetProperty("model").GetString());

        var status = _server.Get<StatusPublisher>();
        await using (await status.BeginGeneratingAsync())
        {
            await _server.Client.WaitForNotificationAsync("codeAssist/status", p => p.GetProperty("state").GetString() == "generating");
        }

        await _server.Client.WaitForNotificationAsync("codeAssist/status", p => p.GetProperty("state").GetString() == "ready");

        _models.Set(new ModelStatus(ModelState.Failed, "tiny.gguf: not a GGUF file"));
        var failed = await _server.Client.WaitForNotificationAsync("codeAssist/status", p => p.GetProperty("state").GetString() == "error");
        Assert.Contains("not a GGUF file", failed.GetProperty("message").GetString());
    }

    public sealed record StreamingParams
    {
        public JsonElement? WorkDoneToken { get; init; }

        public JsonElement? PartialResultToken { get; init; }
    }

    private sealed class StreamingHandler : RequestHandler<StreamingParams, string>
    {
        public const string Name = "test/stream";

        public override string Method => Name;

        public override async Task<string> HandleAsync(StreamingParams request, RequestContext context, CancellationToken cancellationToken)
        {
            await using var progress = await context.Client.BeginProgressAsync("Streaming", request.WorkDoneToken, cancellationToken);
            await progress.ReportAsync("halfway", 50);
            await context.Client.ReportPartialResultAsync(request.PartialResultToken!.Value, "# Part");
            await context.Client.ReportPartialResultAsync(request.PartialResultToken!.Value, " two");
            return "done";
        }
    }
}

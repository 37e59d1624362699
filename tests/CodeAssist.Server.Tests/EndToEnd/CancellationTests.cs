using System.Text.Json;
using CodeAssist.Server.Handlers;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Tests.Infrastructure;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>
/// Cancellation and handler failures over real JSON-RPC frames, against the server's real composition hosted on
/// pipes: the slow and throwing handlers exist only in this test assembly.
/// </summary>
public sealed class CancellationTests : IAsyncLifetime
{
    private const string Uri = "file:///tmp/cancel/a.cs";
    private InProcessServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = InProcessServer.Start(services =>
        {
            services.AddHandler<SlowHandler>();
            services.AddHandler<ThrowingHandler>();
        });
        await _server.Client.InitializeAsync();
        await _server.Client.OpenAsync(Uri, "class A {}");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CancelRequest_OfASlowRequest_AnswersRequestCancelled()
    {
        var id = _server.Client.NextId();
        var pending = await _server.Client.StartRequestAsync(SlowHandler.Name, new { textDocument = new { uri = Uri } }, id);
        await SlowHandler.Started.Task.WaitAsync(LspTestClient.Timeout);

        await _server.Client.NotifyAsync("$/cancelRequest", new { id });

        ResponseAssert.Error(await pending.WaitAsync(LspTestClient.Timeout), LspErrorCodes.RequestCancelled);
        ResponseAssert.Result(await _server.Client.RequestAsync("codeAssist/serverStatus", new { }));
    }

    [Fact]
    public async Task ChangingTheDocument_CancelsARunningReadOnIt()
    {
        var pending = await _server.Client.StartRequestAsync(SlowHandler.Name, new { textDocument = new { uri = Uri } }, _server.Client.NextId());
        await SlowHandler.Started.Task.WaitAsync(LspTestClient.Timeout);

        await _server.Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version = 2 },
            contentChanges = new[] { new { text = "class B {}" } },
        });

        ResponseAssert.Error(await pending.WaitAsync(LspTestClient.Timeout), LspErrorCodes.RequestCancelled);
        Assert.Equal("class B {}", (await _server.Client.ServerDocumentAsync(Uri)).GetProperty("text").GetString());
    }

    [Fact]
    public async Task ThrowingReadHandler_FailsOnlyItsRequest()
    {
        var message = ResponseAssert.Error(await _server.Client.RequestAsync(ThrowingHandler.Name, new { }), LspErrorCodes.InternalError);

        Assert.Contains("deliberate failure", message);
        ResponseAssert.Result(await _server.Client.RequestAsync("codeAssist/serverStatus", new { }));
    }

    [Fact]
    public async Task ReadHandlers_SeeTheSnapshotCapturedAtDequeue()
    {
        await _server.Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version = 7 },
            contentChanges = new[] { new { text = "class Seen {}" } },
        });
        var pending = await _server.Client.StartRequestAsync(SlowHandler.Name, new { textDocument = new { uri = Uri }, returnAtOnce = true }, _server.Client.NextId());

        var result = ResponseAssert.Result(await pending.WaitAsync(LspTestClient.Timeout));
        Assert.Equal("7:class Seen {}", result.GetString());
    }

    public sealed record SlowParams : ITextDocumentRequest
    {
        public required TextDocumentIdentifier TextDocument { get; init; }

        public bool ReturnAtOnce { get; init; }

        string ITextDocumentRequest.DocumentUri => TextDocument.Uri;
    }

    /// <summary>Waits until cancelled, unless asked to return the snapshot it was given.</summary>
    private sealed class SlowHandler : RequestHandler<SlowParams, string>
    {
        public const string Name = "test/slow";

        public static TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SlowHandler() => Started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override string Method => Name;

        public override async Task<string> HandleAsync(SlowParams request, RequestContext context, CancellationToken cancellationToken)
        {
            if (request.ReturnAtOnce)
            {
                return $"{context.Document!.Version}:{context.Document.Text}";
            }

            Started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "not reached";
        }
    }

    private sealed class ThrowingHandler : RequestHandler<NoParams, JsonElement>
    {
        public const string Name = "test/throw";

        public override string Method => Name;

        public override Task<JsonElement> HandleAsync(NoParams request, RequestContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("deliberate failure");
    }
}

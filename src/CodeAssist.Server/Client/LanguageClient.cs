using System.Text.Json;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace CodeAssist.Server.Client;

/// <summary>
/// Messages from the server to the editor. Notifications never throw (a closed pipe must not fail a handler);
/// requests do, so callers decide.
/// </summary>
public sealed class LanguageClient
{
    private readonly ServerState _state;
    private readonly ILogger<LanguageClient> _logger;
    private JsonRpc? _rpc;
    private int _progressCounter;

    public LanguageClient(ServerState state, ILogger<LanguageClient> logger)
    {
        _state = state;
        _logger = logger;
    }

    internal void Attach(JsonRpc rpc) => _rpc = rpc;

    public async Task NotifyAsync(string method, object parameters)
    {
        if (_rpc is not { } rpc)
        {
            return;
        }

        try
        {
            await rpc.NotifyWithParameterObjectAsync(method, parameters).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ConnectionLostException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            ServerLog.SendFailed(_logger, method, exception);
        }
    }

    public async Task<TResult?> RequestAsync<TResult>(string method, object parameters, CancellationToken cancellationToken)
    {
        var rpc = _rpc ?? throw new InvalidOperationException("The server is not connected to a client.");
        return await rpc.InvokeWithParameterObjectAsync<TResult>(method, parameters, cancellationToken).ConfigureAwait(false);
    }

    public Task LogMessageAsync(MessageType type, string message) =>
        NotifyAsync("window/logMessage", new LogMessageParams(type, message));

    public Task ShowMessageAsync(MessageType type, string message) =>
        NotifyAsync("window/showMessage", new ShowMessageParams(type, message));

    /// <summary>$/logTrace, sent only while the client asked for traces (initialize trace or $/setTrace).</summary>
    public Task LogTraceAsync(string message, string? verbose = null)
    {
        var trace = _state.Trace;
        if (trace == "off")
        {
            return Task.CompletedTask;
        }

        return NotifyAsync("$/logTrace", new LogTraceParams(message, trace == "verbose" ? verbose : null));
    }

    /// <summary>codeAssist/status: the state a status bar shows.</summary>
    public Task SendStatusAsync(CodeAssistStatusParams status) => NotifyAsync("codeAssist/status", status);

    /// <summary>
    /// Starts a work-done progress: on the request's <paramref name="workDoneToken"/> when the client sent one,
    /// else on a server-created token when the client supports window/workDoneProgress/create, else a no-op.
    /// </summary>
    public async Task<WorkDoneProgress> BeginProgressAsync(
        string title, JsonElement? workDoneToken, CancellationToken cancellationToken)
    {
        var token = workDoneToken;
        if (token is null && _state.SupportsWorkDoneProgress && _rpc is not null)
        {
            var created = JsonSerializer.SerializeToElement(
                $"codeassist/{Interlocked.Increment(ref _progressCounter)}", LspJson.Options);
            try
            {
                await RequestAsync<object>(
                    "window/workDoneProgress/create", new WorkDoneProgressCreateParams(created), cancellationToken)
                    .ConfigureAwait(false);
                token = created;
            }
            catch (Exception exception) when (exception is RemoteRpcException or ConnectionLostException or ObjectDisposedException)
            {
                ServerLog.SendFailed(_logger, "window/workDoneProgress/create", exception);
            }
        }

        var progress = new WorkDoneProgress(this, token);
        await progress.BeginAsync(title).ConfigureAwait(false);
        return progress;
    }

    /// <summary>Streams part of a result through the request's partialResultToken ($/progress).</summary>
    public Task ReportPartialResultAsync(JsonElement partialResultToken, object value) =>
        NotifyAsync("$/progress", new ProgressParams(partialResultToken, value));
}

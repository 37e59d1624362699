using System.Diagnostics;
using System.Text.Json;
using CodeAssist.Server.Client;
using CodeAssist.Server.Handlers;
using CodeAssist.Server.Handlers.Lifecycle;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Queue;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace CodeAssist.Server.Transport;

/// <summary>
/// The target StreamJsonRpc invokes for one method. Everything before the first await runs in arrival order
/// (the connection uses a non-concurrent synchronization context), so lifecycle checks and enqueueing keep the
/// client's order; the handler itself runs when the queue says so.
/// </summary>
internal sealed class MethodEntryPoint(
    IMethodHandler handler,
    ServerState state,
    RequestQueue<RequestContext> queue,
    RequestContextFactory contexts,
    LanguageClient client,
    ILogger logger)
{
    public async Task<object?> InvokeAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";

        // Read now: the params' JSON document belongs to StreamJsonRpc and may be gone after the first await. Document
        // text never goes into a trace.
        var tracedParams = state.Trace == "off" ? null : TraceText.Describe(parameters);
        try
        {
            var result = await InvokeCoreAsync(parameters, cancellationToken).ConfigureAwait(false);
            outcome = "done";
            return result;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            if (state.Trace != "off" && handler.Method != "exit")
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                _ = client.LogTraceAsync(
                    $"{handler.Method} {outcome} in {elapsed:F0} ms", tracedParams is null ? null : Truncate(tracedParams));
            }
        }
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

    private async Task<object?> InvokeCoreAsync(JsonElement? parameters, CancellationToken cancellationToken)
    {
        try
        {
            if (!PassesLifecycle())
            {
                return null;
            }

            var typed = handler.DeserializeParams(parameters);
            if (handler is ExitHandler)
            {
                // Outside the queue: nothing may delay exit.
                return await handler.InvokeAsync(typed, contexts.CreateEmpty(handler.Method), cancellationToken).ConfigureAwait(false);
            }

            var item = new QueueItem<RequestContext>(
                handler.Method,
                handler.MutatesState,
                handler.GetDocumentUri(typed),
                (context, token) => handler.InvokeAsync(typed, context, token),
                cancellationToken);
            return await queue.EnqueueAsync(item).ConfigureAwait(false);
        }
        catch (InvalidParamsException exception)
        {
            return Fail(LspErrorCodes.InvalidParams, exception.Message);
        }
        catch (OperationCanceledException)
        {
            throw; // StreamJsonRpc answers RequestCancelled (-32800)
        }
        catch (LocalRpcException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The handler's exception is already logged by the queue; the client gets a one-line reason.
            return Fail(LspErrorCodes.InternalError, $"{handler.Method} failed: {exception.Message}");
        }
    }

    private bool PassesLifecycle()
    {
        var method = handler.Method;
        switch (state.Phase)
        {
            case LifecyclePhase.WaitingForInitialize when method == "initialize":
                state.BeginInitialize();
                return true;
            case LifecyclePhase.WaitingForInitialize when method != "exit":
                return Refuse(LspErrorCodes.ServerNotInitialized, $"The server is not initialized: {method} arrived before initialize.");
            case LifecyclePhase.ShutDown when method != "exit":
                return Refuse(LspErrorCodes.InvalidRequest, $"The server is shutting down: {method} arrived after shutdown.");
            case LifecyclePhase.Initializing or LifecyclePhase.Running when method == "initialize":
                return Refuse(LspErrorCodes.InvalidRequest, "initialize was already received.");
            case LifecyclePhase.Initializing or LifecyclePhase.Running when method == "shutdown":
                state.MarkShutdown();
                return true;
            default:
                return true;
        }
    }

    private bool Refuse(int code, string message)
    {
        if (handler.IsNotification)
        {
            ServerLog.Ignored(logger, handler.Method, message);
            return false;
        }

        throw new LocalRpcException(message) { ErrorCode = code };
    }

    private object? Fail(int code, string message)
    {
        if (handler.IsNotification)
        {
            ServerLog.Ignored(logger, handler.Method, message);
            return null;
        }

        throw new LocalRpcException(message) { ErrorCode = code };
    }
}

using System.Reflection;
using CodeAssist.Server.Client;
using CodeAssist.Server.Handlers;
using CodeAssist.Server.Handlers.Lifecycle;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;

namespace CodeAssist.Server.Transport;

/// <summary>
/// Runs one language server session over a pair of streams (stdio in production, pipes in tests) until exit or
/// until the client disconnects. Returns the process exit code: 0 after shutdown+exit, 1 otherwise.
/// </summary>
public static class LanguageServerHost
{
    public static async Task<int> RunAsync(Stream input, Stream output, IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CodeAssist.Server");
        var state = services.GetRequiredService<ServerState>();
        var contexts = services.GetRequiredService<RequestContextFactory>();
        var client = services.GetRequiredService<LanguageClient>();

        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.CreateOptions() };
        var messageHandler = new LspMessageHandler(output, input, formatter, reason => OnMalformed(reason, logger, client));
        using var rpc = new JsonRpc(messageHandler)
        {
            // Invoke targets one at a time, in arrival order, up to their first await: that keeps the client's order
            // into the request queue without serializing the requests themselves.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };

        var queue = new RequestQueue<RequestContext>(contexts.Create, logger);
        await using var stopQueue = queue.ConfigureAwait(false);
        var invoke = typeof(MethodEntryPoint).GetMethod(nameof(MethodEntryPoint.InvokeAsync))!;
        foreach (var handler in services.GetServices<IMethodHandler>())
        {
            var entryPoint = new MethodEntryPoint(handler, state, queue, contexts, client, logger);
            rpc.AddLocalRpcMethod(invoke, entryPoint, new JsonRpcMethodAttribute(handler.Method) { UseSingleObjectParameterDeserialization = true });
        }

        client.Attach(rpc);
        rpc.StartListening();
        ServerLog.Listening(logger, InitializeHandler.ServerVersion);

        var disconnected = rpc.Completion;
        var finished = await Task.WhenAny(state.ExitCode, disconnected, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        if (finished == state.ExitCode)
        {
            var code = await state.ExitCode.ConfigureAwait(false);
            ServerLog.ExitRequested(logger, code == 0);
            return code;
        }

        ServerLog.Disconnected(logger);
        return state.Phase == LifecyclePhase.ShutDown ? 0 : 1;
    }

    private static void OnMalformed(string reason, ILogger logger, LanguageClient client)
    {
        ServerLog.MalformedMessage(logger, reason);
        _ = client.LogMessageAsync(MessageType.Error, $"CodeAssist received a malformed message: {reason}");
    }
}

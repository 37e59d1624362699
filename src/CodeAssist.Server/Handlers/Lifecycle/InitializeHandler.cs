using System.Reflection;
using CodeAssist.Server.Configuration;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Lifecycle;

/// <summary>initialize: negotiates the position encoding, reads initializationOptions, advertises capabilities.</summary>
internal sealed class InitializeHandler(
    ServerState state, ServerOptions options, IServiceProvider services, ILogger<InitializeHandler> logger)
    : RequestHandler<InitializeParams, InitializeResult>
{
    public override string Method => "initialize";

    public override bool MutatesState => true;

    public override async Task<InitializeResult> HandleAsync(
        InitializeParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var clientCapabilities = request.Capabilities ?? new ClientCapabilities();
        var encoding = ProtocolConversions.NegotiateEncoding(clientCapabilities.General?.PositionEncodings);
        var root = GetRootPath(request);
        state.CompleteInitialize(request, encoding, root);
        ServerLog.Initialized(
            logger, request.ClientInfo?.Name ?? "an unnamed client", ProtocolConversions.ToWireName(encoding), root ?? "(none)");

        var (settings, trusted) = InitializationTrust.Split(request.InitializationOptions);
        var problems = options.Initialize(root, settings, trusted);
        await ConfigurationProblems.ReportAsync(problems, context.Client, logger).ConfigureAwait(false);

        var capabilities = new ServerCapabilities
        {
            PositionEncoding = ProtocolConversions.ToWireName(encoding),
            TextDocumentSync = new TextDocumentSyncOptions { OpenClose = true, Change = 2, Save = new SaveOptions(false) },
        };
        var custom = new List<string>();
        foreach (var handler in services.GetServices<IMethodHandler>())
        {
            handler.ContributeCapabilities(capabilities, clientCapabilities);
            if (handler.Method.StartsWith("codeAssist/", StringComparison.Ordinal))
            {
                custom.Add(handler.Method);
            }
        }

        capabilities.Experimental["codeAssist"] = new { methods = custom, notifications = new[] { "codeAssist/status" } };
        return new InitializeResult(capabilities, new ServerInfo("codeassist", ServerVersion));
    }

    internal static string ServerVersion { get; } =
        typeof(InitializeHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    private static string? GetRootPath(InitializeParams request)
    {
        var fromFolders = request.WorkspaceFolders is { Count: > 0 } folders ? ProtocolConversions.ToFilePath(folders[0].Uri) : null;
        var fromUri = request.RootUri is { } uri ? ProtocolConversions.ToFilePath(uri) : null;
        return fromFolders ?? fromUri ?? request.RootPath;
    }
}

using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Logging;

/// <summary>The server's log lines, source-generated (no formatting cost when a level is off).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "CodeAssist language server {Version} listening on stdio")]
    public static partial void Listening(ILogger logger, string version);

    [LoggerMessage(2, LogLevel.Error, "{Method} failed")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(3, LogLevel.Debug, "{Method} on {Uri} cancelled: the document changed")]
    public static partial void ReadCancelledByChange(ILogger logger, string method, string uri);

    [LoggerMessage(4, LogLevel.Warning, "Ignored {Method}: {Reason}")]
    public static partial void Ignored(ILogger logger, string method, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Malformed message from the client: {Reason}")]
    public static partial void MalformedMessage(ILogger logger, string reason);

    [LoggerMessage(6, LogLevel.Information, "Initialize from {Client}; position encoding {Encoding}; root {Root}")]
    public static partial void Initialized(ILogger logger, string client, string encoding, string root);

    [LoggerMessage(7, LogLevel.Information, "Exit requested (shutdown received: {ShutdownReceived})")]
    public static partial void ExitRequested(ILogger logger, bool shutdownReceived);

    [LoggerMessage(8, LogLevel.Warning, "Configuration: {Problem}")]
    public static partial void ConfigurationProblem(ILogger logger, string problem);

    [LoggerMessage(9, LogLevel.Information, "Workspace load finished: {State}")]
    public static partial void WorkspaceLoaded(ILogger logger, string state);

    [LoggerMessage(10, LogLevel.Error, "Workspace load failed")]
    public static partial void WorkspaceLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(11, LogLevel.Debug, "Sending to the client failed: {Method}")]
    public static partial void SendFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(12, LogLevel.Information, "The client disconnected")]
    public static partial void Disconnected(ILogger logger);

    [LoggerMessage(13, LogLevel.Debug, "{Method} on {Uri}")]
    public static partial void DocumentEvent(ILogger logger, string method, string uri);

    [LoggerMessage(14, LogLevel.Debug, "Warming the context of {Path} failed")]
    public static partial void WarmUpFailed(ILogger logger, string path, Exception exception);
}

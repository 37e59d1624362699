using Microsoft.Extensions.Logging;

namespace CodeAssist.Cli.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(1, LogLevel.Error, "Applying the new model settings failed")]
    public static partial void ModelUpdateFailed(ILogger logger, Exception exception);
}

using Microsoft.Extensions.Logging;

namespace CodeAssist.Cli.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(1, LogLevel.Error, "Applying the new model settings failed")]
    public static partial void ModelUpdateFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Started the child process watchdog (pid {Pid})")]
    public static partial void WatchdogStarted(ILogger logger, int pid);

    [LoggerMessage(3, LogLevel.Warning, "Could not start the child process watchdog: build hosts may outlive a killed server")]
    public static partial void WatchdogFailed(ILogger logger, Exception exception);
}

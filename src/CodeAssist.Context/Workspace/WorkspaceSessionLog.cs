using Microsoft.Extensions.Logging;

namespace CodeAssist.Context.Workspace;

internal static partial class WorkspaceSessionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Loading {Path}")]
    public static partial void Loading(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Summary}")]
    public static partial void Loaded(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Summary}")]
    public static partial void LoadProblems(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load {Path}; using the folder's .cs files instead")]
    public static partial void LoadFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring a change to {Path}, which is not open")]
    public static partial void ChangeToClosedDocument(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Project file {Path} changed; reloading the workspace")]
    public static partial void ProjectFileChanged(ILogger logger, string path);
}

using CodeAssist.Server.Logging;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Sync;

/// <summary>
/// Forwards a document event to the Roslyn workspace. A workspace failure is logged and the document store stays
/// authoritative: the editor's text must keep syncing even if Roslyn cannot take the change.
/// </summary>
internal static class WorkspaceForwarding
{
    public static void Run(ILogger logger, string method, Action forward)
    {
        try
        {
            forward();
        }
        catch (Exception exception)
        {
            ServerLog.HandlerFailed(logger, method + " (workspace)", exception);
        }
    }
}

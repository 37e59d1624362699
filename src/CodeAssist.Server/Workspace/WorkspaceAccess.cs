using CodeAssist.Context;

namespace CodeAssist.Server.Workspace;

/// <summary>
/// The Roslyn workspace when the host composed one. The server works without it (documents are still synced,
/// features answer from the text alone), which keeps the server testable on its own.
/// </summary>
internal sealed class WorkspaceAccess(IWorkspaceSession? session)
{
    public IWorkspaceSession? Session { get; } = session;
}

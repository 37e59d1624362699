using CodeAssist.Context;
using Microsoft.Extensions.DependencyInjection;

namespace CodeAssist.Server.Workspace;

/// <summary>
/// The Roslyn workspace when the host registered one. The server works without it (documents are still synced,
/// features answer from the text alone), which keeps the server testable on its own.
/// </summary>
public sealed class WorkspaceAccess(IServiceProvider services)
{
    public IWorkspaceSession? Session { get; } = services.GetService<IWorkspaceSession>();
}

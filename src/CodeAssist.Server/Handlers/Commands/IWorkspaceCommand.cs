using System.Text.Json;

namespace CodeAssist.Server.Handlers.Commands;

/// <summary>
/// One command of workspace/executeCommand. Features register theirs with <see cref="HandlerIndex.AddCommand{TCommand}"/>;
/// <see cref="ExecuteCommandHandler"/> dispatches by <see cref="Name"/> and advertises them all.
/// </summary>
public interface IWorkspaceCommand
{
    string Name { get; }

    Task<object?> ExecuteAsync(IReadOnlyList<JsonElement> arguments, RequestContext context, CancellationToken cancellationToken);
}

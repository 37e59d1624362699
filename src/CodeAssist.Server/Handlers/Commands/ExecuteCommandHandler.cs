using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.Commands;

/// <summary>workspace/executeCommand: dispatches to the registered <see cref="IWorkspaceCommand"/> of that name.</summary>
internal sealed class ExecuteCommandHandler(IEnumerable<IWorkspaceCommand> commands) : RequestHandler<ExecuteCommandParams, object?>
{
    private readonly Dictionary<string, IWorkspaceCommand> byName = commands.ToDictionary(command => command.Name, StringComparer.Ordinal);

    public override string Method => "workspace/executeCommand";

    public override Task<object?> HandleAsync(ExecuteCommandParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (!byName.TryGetValue(request.Command, out var command))
        {
            throw new InvalidParamsException($"Unknown command '{request.Command}'. Known: {string.Join(", ", byName.Keys.Order(StringComparer.Ordinal))}.");
        }

        return command.ExecuteAsync(request.Arguments ?? [], context, cancellationToken);
    }

    public override void ContributeCapabilities(ServerCapabilities capabilities, ClientCapabilities clientCapabilities)
    {
        capabilities.ExecuteCommandProvider ??= new ExecuteCommandOptions();
        foreach (var name in byName.Keys.Order(StringComparer.Ordinal))
        {
            if (!capabilities.ExecuteCommandProvider.Commands.Contains(name))
            {
                capabilities.ExecuteCommandProvider.Commands.Add(name);
            }
        }
    }
}

using System.Text.Json;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Server.Handlers.Commands;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>codeAssist.accepted: the client ran an item's command, i.e. the user accepted it (arguments: [itemId]).</summary>
internal sealed class AcceptedCommand(InlineCompletionService service) : IWorkspaceCommand
{
    public string Name => InlineSuggestions.AcceptedCommand;

    public Task<object?> ExecuteAsync(IReadOnlyList<JsonElement> arguments, RequestContext context, CancellationToken cancellationToken)
    {
        if (arguments.Count == 0 || arguments[0].ValueKind != JsonValueKind.String)
        {
            throw new InvalidParamsException("codeAssist.accepted expects the item id as its first argument.");
        }

        service.Accepted(arguments[0].GetString()!);
        return Task.FromResult<object?>(null);
    }
}

using System.Text.Json;

namespace CodeAssist.Server.Handlers.Commands;

public sealed record ExecuteCommandParams
{
    public required string Command { get; init; }

    public IReadOnlyList<JsonElement>? Arguments { get; init; }
}

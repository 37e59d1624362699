using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record WindowClientCapabilities
{
    public bool WorkDoneProgress { get; init; }

    public JsonElement? ShowMessage { get; init; }

    public JsonElement? ShowDocument { get; init; }
}

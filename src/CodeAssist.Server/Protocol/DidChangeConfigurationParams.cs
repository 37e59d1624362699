using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record DidChangeConfigurationParams
{
    public JsonElement? Settings { get; init; }
}

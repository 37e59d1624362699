using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>$/progress: <paramref name="Token"/> is echoed as the client sent it (integer or string).</summary>
public sealed record ProgressParams(JsonElement Token, object Value);

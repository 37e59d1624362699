using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record GeneralClientCapabilities
{
    /// <summary>The encodings the client supports, in order of preference.</summary>
    public IReadOnlyList<string>? PositionEncodings { get; init; }
}

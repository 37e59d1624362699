using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>A zero-based line and character; the character unit depends on the negotiated position encoding.</summary>
public sealed record Position(int Line, int Character);

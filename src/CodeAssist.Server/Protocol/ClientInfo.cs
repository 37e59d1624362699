using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record ClientInfo(string Name, string? Version = null);

using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record ServerInfo(string Name, string? Version = null);

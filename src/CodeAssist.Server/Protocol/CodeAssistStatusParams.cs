using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>
/// codeAssist/status (server to client notification): what a status bar shows.
/// <paramref name="State"/> is one of <see cref="CodeAssistStatusState"/>.
/// </summary>
public sealed record CodeAssistStatusParams(string State, string Message, string? Model = null);

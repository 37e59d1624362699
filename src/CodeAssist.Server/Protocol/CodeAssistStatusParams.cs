using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>
/// codeAssist/status (server to client notification): what a status bar shows.
/// <paramref name="State"/> is one of <see cref="CodeAssistStatusState"/>.
/// </summary>
public sealed record CodeAssistStatusParams(string State, string Message, string? Model = null)
{
    /// <summary>False when the workspace folder is not trusted (its trusted-only settings are ignored); null before initialize.</summary>
    public bool? WorkspaceTrusted { get; init; }

    /// <summary>The untrusted folder's ignored settings, comma-separated; null when none were ignored.</summary>
    public string? IgnoredSettings { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>
/// The client capabilities the server reads. Sections a feature needs but this type lacks stay available as raw JSON
/// through <see cref="TextDocument"/> and <see cref="Workspace"/> (ExtensionData), so features can read them
/// without changing this file.
/// </summary>
public sealed record ClientCapabilities
{
    public GeneralClientCapabilities? General { get; init; }

    public WindowClientCapabilities? Window { get; init; }

    public JsonElement? TextDocument { get; init; }

    public JsonElement? Workspace { get; init; }

    public JsonElement? Experimental { get; init; }
}

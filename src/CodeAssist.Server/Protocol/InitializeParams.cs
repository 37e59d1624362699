using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record InitializeParams
{
    public int? ProcessId { get; init; }

    public ClientInfo? ClientInfo { get; init; }

    public string? RootPath { get; init; }

    public string? RootUri { get; init; }

    public IReadOnlyList<WorkspaceFolder>? WorkspaceFolders { get; init; }

    public ClientCapabilities Capabilities { get; init; } = new();

    /// <summary>CodeAssist settings, same shape as didChangeConfiguration's <c>settings</c>.</summary>
    public JsonElement? InitializationOptions { get; init; }

    /// <summary>off | messages | verbose.</summary>
    public string? Trace { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record TextDocumentSyncOptions
{
    public bool OpenClose { get; init; }

    /// <summary>0 none, 1 full, 2 incremental.</summary>
    public int Change { get; init; }

    public SaveOptions? Save { get; init; }
}

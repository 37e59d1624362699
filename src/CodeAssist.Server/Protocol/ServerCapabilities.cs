using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>
/// What the server advertises. Handlers fill their own entries in <c>IMethodHandler.ContributeCapabilities</c>;
/// provider members are typed <c>object</c> so a feature can put its own options record there (LSP allows
/// <c>true</c> or an options object for most of them).
/// </summary>
public sealed class ServerCapabilities
{
    /// <summary>utf-16 or utf-8, negotiated in initialize.</summary>
    public string PositionEncoding { get; set; } = PositionEncodingKind.Utf16;

    public TextDocumentSyncOptions? TextDocumentSync { get; set; }

    public object? CompletionProvider { get; set; }

    public object? InlineCompletionProvider { get; set; }

    public object? HoverProvider { get; set; }

    public object? CodeActionProvider { get; set; }

    public ExecuteCommandOptions? ExecuteCommandProvider { get; set; }

    public object? Workspace { get; set; }

    /// <summary>CodeAssist's own capabilities, e.g. the codeAssist/* methods served.</summary>
    public Dictionary<string, object?> Experimental { get; } = new(StringComparer.Ordinal);
}

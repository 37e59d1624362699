using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record DidChangeTextDocumentParams : ITextDocumentRequest
{
    public required VersionedTextDocumentIdentifier TextDocument { get; init; }

    public required IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges { get; init; }

    string ITextDocumentRequest.DocumentUri => TextDocument.Uri;
}

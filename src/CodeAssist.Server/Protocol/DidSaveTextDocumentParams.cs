using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record DidSaveTextDocumentParams : ITextDocumentRequest
{
    public required TextDocumentIdentifier TextDocument { get; init; }

    public string? Text { get; init; }

    string ITextDocumentRequest.DocumentUri => TextDocument.Uri;
}

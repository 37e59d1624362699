using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record DidOpenTextDocumentParams : ITextDocumentRequest
{
    public required TextDocumentItem TextDocument { get; init; }

    string ITextDocumentRequest.DocumentUri => TextDocument.Uri;
}

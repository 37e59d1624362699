using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record DidCloseTextDocumentParams : ITextDocumentRequest
{
    public required TextDocumentIdentifier TextDocument { get; init; }

    string ITextDocumentRequest.DocumentUri => TextDocument.Uri;
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>The common shape of position requests; feature params can copy these two members and the interface.</summary>
public record TextDocumentPositionParams : ITextDocumentRequest
{
    public required TextDocumentIdentifier TextDocument { get; init; }

    public required Position Position { get; init; }

    string ITextDocumentRequest.DocumentUri => TextDocument.Uri;
}

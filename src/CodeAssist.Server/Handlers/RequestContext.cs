using CodeAssist.Features.Configuration;
using CodeAssist.Server.Client;
using CodeAssist.Server.Text;

namespace CodeAssist.Server.Handlers;

/// <summary>
/// What a handler sees, captured when its request left the queue: the document as it was then (text, version and
/// the matching Roslyn document) and the options then current. Never re-read the store inside a handler: a
/// later didChange must not change the input of a running request.
/// </summary>
public sealed class RequestContext
{
    public RequestContext(
        string method,
        DocumentSnapshot? document,
        Microsoft.CodeAnalysis.Document? roslynDocument,
        CodeAssistOptions options,
        PositionEncoding positionEncoding,
        LanguageClient client)
    {
        Method = method;
        Document = document;
        RoslynDocument = roslynDocument;
        Options = options;
        PositionEncoding = positionEncoding;
        Client = client;
    }

    public string Method { get; }

    /// <summary>The open document the params target, or null when it is not open (or the method has none).</summary>
    public DocumentSnapshot? Document { get; }

    /// <summary>
    /// The document is over the size limit (setting maxDocumentSizeKb): it has no <see cref="RoslynDocument"/> and gets
    /// no model feature.
    /// </summary>
    public bool DocumentTooLarge { get; init; }

    /// <summary>The workspace's snapshot of the same file, or null while the workspace is absent, still loading, or the document too large.</summary>
    public Microsoft.CodeAnalysis.Document? RoslynDocument { get; }

    public CodeAssistOptions Options { get; }

    /// <summary>The negotiated unit of Position.character; use <see cref="ProtocolConversions"/> with it.</summary>
    public PositionEncoding PositionEncoding { get; }

    /// <summary>Messages to the editor: logs, progress, partial results, status.</summary>
    public LanguageClient Client { get; }
}

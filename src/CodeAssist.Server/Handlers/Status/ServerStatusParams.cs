using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.Status;

public sealed record ServerStatusParams
{
    public TextDocumentIdentifier? TextDocument { get; init; }

    /// <summary>Also return the document's full text as the server holds it.</summary>
    public bool IncludeText { get; init; }
}

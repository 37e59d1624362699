using CodeAssist.Server.Client;
using CodeAssist.Server.Configuration;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Handlers;
using CodeAssist.Server.Queue;
using CodeAssist.Server.Workspace;

namespace CodeAssist.Server.Transport;

/// <summary>Captures a request's snapshot when it leaves the queue (see <see cref="RequestContext"/>).</summary>
internal sealed class RequestContextFactory(
    DocumentStore documents, OversizedDocuments oversized, WorkspaceAccess workspace, ServerOptions options, ServerState state, LanguageClient client)
{
    public RequestContext Create(QueueItem<RequestContext> item)
    {
        var document = item.DocumentUri is { } uri ? documents.TryGet(uri) : null;
        var tooLarge = document is not null && oversized.IsKeptOut(document.Uri);
        Microsoft.CodeAnalysis.Document? roslynDocument = null;
        if (!tooLarge && document?.FilePath is { } path && workspace.Session is { } session)
        {
            roslynDocument = session.GetDocument(path);
        }

        return new RequestContext(item.Method, document, roslynDocument, options.Current, state.PositionEncoding, client)
        {
            DocumentTooLarge = tooLarge,
        };
    }

    public RequestContext CreateEmpty(string method) =>
        new(method, null, null, options.Current, state.PositionEncoding, client);
}

using CodeAssist.Server.Client;
using CodeAssist.Server.Configuration;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Handlers;
using CodeAssist.Server.Queue;
using CodeAssist.Server.Workspace;

namespace CodeAssist.Server.Transport;

/// <summary>Captures a request's snapshot when it leaves the queue (see <see cref="RequestContext"/>).</summary>
public sealed class RequestContextFactory(
    DocumentStore documents, WorkspaceAccess workspace, ServerOptions options, ServerState state, LanguageClient client)
{
    public RequestContext Create(QueueItem<RequestContext> item)
    {
        var document = item.DocumentUri is { } uri ? documents.TryGet(uri) : null;
        Microsoft.CodeAnalysis.Document? roslynDocument = null;
        if (document?.FilePath is { } path && workspace.Session is { } session)
        {
            roslynDocument = session.GetDocument(path);
        }

        return new RequestContext(item.Method, document, roslynDocument, options.Current, state.PositionEncoding, client);
    }

    public RequestContext CreateEmpty(string method) =>
        new(method, null, null, options.Current, state.PositionEncoding, client);
}

using CodeAssist.Server.Documents;
using CodeAssist.Server.Status;
using CodeAssist.Server.Workspace;

namespace CodeAssist.Server.Handlers.Status;

/// <summary>
/// codeAssist/serverStatus: what the server holds, for status UIs and for sync checks in editor tests
/// (the document's text and version as the server sees them).
/// </summary>
internal sealed class ServerStatusHandler(DocumentStore documents, WorkspaceAccess workspace, StatusPublisher status)
    : RequestHandler<ServerStatusParams, ServerStatusResult>
{
    public override string Method => "codeAssist/serverStatus";

    public override string? GetDocumentUri(object parameters) => ((ServerStatusParams)parameters).TextDocument?.Uri;

    public override Task<ServerStatusResult> HandleAsync(ServerStatusParams request, RequestContext context, CancellationToken cancellationToken)
    {
        DocumentStatus? document = null;
        if (request.TextDocument is not null && context.Document is { } snapshot)
        {
            document = new DocumentStatus(
                snapshot.Uri,
                snapshot.Version,
                snapshot.Text.Length,
                snapshot.Lines.LineCount,
                context.RoslynDocument is not null,
                request.IncludeText ? snapshot.Text : null);
        }

        var result = new ServerStatusResult(
            status.Current,
            workspace.Session?.LoadState.ToString() ?? "None",
            documents.Count,
            document);
        return Task.FromResult(result);
    }
}

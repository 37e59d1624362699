using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Sync;

/// <summary>textDocument/didSave: the text is already in sync through didChange, so this only records the event.</summary>
internal sealed class DidSaveHandler(ILogger<DidSaveHandler> logger) : NotificationHandler<DidSaveTextDocumentParams>
{
    public override string Method => "textDocument/didSave";

    public override Task HandleAsync(DidSaveTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        ServerLog.DocumentEvent(logger, Method, notification.TextDocument.Uri);
        return Task.CompletedTask;
    }
}

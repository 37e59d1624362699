using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>
/// codeAssist/didChangeCursor (client to server notification, sent debounced once the cursor rests at a new place):
/// the next suggestion will likely be asked for in this member, so its stable prompt head is prefilled into the
/// model's cache in the background. A read: it uses the snapshot captured at dequeue and returns at once.
/// </summary>
internal sealed class DidChangeCursorHandler(InlineSuggestions suggestions) : NotificationHandler<TextDocumentPositionParams>
{
    public override string Method => "codeAssist/didChangeCursor";

    public override Task HandleAsync(TextDocumentPositionParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        suggestions.Prepare(context, notification.Position);
        return Task.CompletedTask;
    }
}

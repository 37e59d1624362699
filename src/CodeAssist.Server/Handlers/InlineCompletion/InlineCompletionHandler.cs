using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>
/// textDocument/inlineCompletion (LSP 3.18): ghost text. A read: the queue cancels it when the document changes, while
/// the generation it started keeps running for the next keystroke to join (see InlineCompletionService).
/// </summary>
internal sealed class InlineCompletionHandler(InlineSuggestions suggestions) : RequestHandler<InlineCompletionParams, InlineCompletionList>
{
    private const int TriggerInvoked = 1;

    public override string Method => "textDocument/inlineCompletion";

    public override async Task<InlineCompletionList> HandleAsync(InlineCompletionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var invoked = request.Context?.TriggerKind == TriggerInvoked;
        var items = await suggestions.GetAsync(context, request.Position, invoked, cancellationToken).ConfigureAwait(false);
        return new InlineCompletionList(items
            .Select(item => new InlineCompletionListItem(
                item.InsertText, InlineSuggestions.GetRange(context, item), InlineSuggestions.Accepted(item), Data: InlineSuggestions.Data(item)))
            .ToList());
    }

    public override void ContributeCapabilities(ServerCapabilities capabilities, ClientCapabilities clientCapabilities) =>
        capabilities.InlineCompletionProvider = new { };
}

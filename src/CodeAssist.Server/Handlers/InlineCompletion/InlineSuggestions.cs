using System.Text.Json;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>What both completion handlers share: the request to the feature service and the accepted command.</summary>
internal sealed class InlineSuggestions(InlineCompletionService service, LooseDocuments looseDocuments)
{
    public const string AcceptedCommand = "codeAssist.accepted";

    /// <summary>The feature's items for a position, or none when the document is not open.</summary>
    public async Task<IReadOnlyList<InlineCompletionItem>> GetAsync(
        RequestContext context, Position position, bool invoked, CancellationToken cancellationToken)
    {
        // A document over the size limit is never handed to Roslyn or a model (not even as a loose document).
        if (context.Document is not { } snapshot || context.DocumentTooLarge)
        {
            return [];
        }

        var offset = ProtocolConversions.GetOffset(snapshot, position, context.PositionEncoding);
        var document = UsableRoslynDocument(context) ?? looseDocuments.Create(snapshot.FilePath ?? snapshot.Uri, snapshot.Text);
        var result = await service.GetCompletionsAsync(new InlineCompletionRequest(document, offset, invoked), cancellationToken)
            .ConfigureAwait(false);
        return result.Items;
    }

    /// <summary>Starts the background prefill for a position (codeAssist/didChangeCursor); nothing when the document is not open.</summary>
    public void Prepare(RequestContext context, Position position)
    {
        if (context.Document is not { } snapshot || context.DocumentTooLarge)
        {
            return;
        }

        var offset = ProtocolConversions.GetOffset(snapshot, position, context.PositionEncoding);
        var document = UsableRoslynDocument(context) ?? looseDocuments.Create(snapshot.FilePath ?? snapshot.Uri, snapshot.Text);
        _ = service.Prepare(new InlineCompletionRequest(document, offset));
    }

    /// <summary>
    /// Stops the generation of a closed document and forgets its state. The service keys documents by the Roslyn
    /// document's path: the workspace's full path, or for a loose document the path (or URI) it was made from.
    /// </summary>
    public void Close(string uri)
    {
        var path = ProtocolConversions.ToFilePath(uri);
        service.CloseDocument(path ?? uri);
        if (path is not null && Path.GetFullPath(path) is var fullPath && fullPath != path)
        {
            service.CloseDocument(fullPath);
        }
    }

    /// <summary>
    /// The command run on acceptance. Its second argument repeats the verification state: clients that drop an item's
    /// <c>data</c> when converting it (vscode-languageclient) still see it there.
    /// </summary>
    public static LspCommand Accepted(InlineCompletionItem item) =>
        new("CodeAssist: suggestion accepted", AcceptedCommand, [item.Id, VerificationName(item.Verification)]);

    public static InlineCompletionItemData Data(InlineCompletionItem item) =>
        new(VerificationName(item.Verification), JsonNamingPolicy.CamelCase.ConvertName(item.Source.ToString()));

    private static string VerificationName(VerificationState state) => JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    public static Range GetRange(RequestContext context, InlineCompletionItem item) =>
        ProtocolConversions.GetRange(context.Document!, item.ReplaceStart, item.ReplaceEnd - item.ReplaceStart, context.PositionEncoding);

    /// <summary>The workspace's document when its text is the snapshot's (offsets must mean the same thing).</summary>
    private static Document? UsableRoslynDocument(RequestContext context) =>
        context.RoslynDocument is { } document && document.TryGetText(out var text) && text.Length == context.Document!.Text.Length
            ? document
            : null;
}

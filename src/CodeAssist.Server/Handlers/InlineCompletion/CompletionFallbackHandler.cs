using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>
/// textDocument/completion for clients that do not advertise inline completion: the suggestion becomes one list item
/// whose textEdit covers the word typed so far, so the client's filter keeps it while the user types.
/// </summary>
internal sealed class CompletionFallbackHandler(InlineSuggestions suggestions) : RequestHandler<CompletionParams, CompletionList>
{
    private const int KindText = 1;

    public override string Method => "textDocument/completion";

    public override async Task<CompletionList> HandleAsync(CompletionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var items = await suggestions.GetAsync(context, request.Position, invoked: false, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0 || context.Document is not { } snapshot)
        {
            return new CompletionList(true, []);
        }

        var list = new List<CompletionListItem>();
        foreach (var item in items)
        {
            var start = WordStart(snapshot.Text, item.ReplaceStart);
            var newText = snapshot.Text[start..item.ReplaceStart] + item.InsertText;
            var firstLine = newText.Split('\n')[0].TrimEnd('\r');
            var range = ProtocolConversions.GetRange(snapshot, start, item.ReplaceEnd - start, context.PositionEncoding);
            list.Add(new CompletionListItem(
                Label: firstLine.Length > 60 ? firstLine[..60] + "…" : firstLine,
                Kind: KindText,
                Detail: $"CodeAssist ({item.Verification.ToString().ToLowerInvariant()})",
                FilterText: firstLine,
                SortText: "0",
                Preselect: true,
                TextEdit: new TextEdit(range, newText),
                Command: InlineSuggestions.Accepted(item)));
        }

        return new CompletionList(true, list);
    }

    public override void ContributeCapabilities(ServerCapabilities capabilities, ClientCapabilities clientCapabilities)
    {
        if (!SupportsInlineCompletion(clientCapabilities))
        {
            capabilities.CompletionProvider ??= new { resolveProvider = false, triggerCharacters = new[] { "." } };
        }
    }

    internal static bool SupportsInlineCompletion(ClientCapabilities clientCapabilities) =>
        clientCapabilities.TextDocument is { ValueKind: System.Text.Json.JsonValueKind.Object } textDocument
        && textDocument.TryGetProperty("inlineCompletion", out _);

    private static int WordStart(string text, int offset)
    {
        var start = offset;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            start--;
        }

        return start;
    }
}

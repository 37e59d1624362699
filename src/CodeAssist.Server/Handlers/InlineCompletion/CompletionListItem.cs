using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>LSP CompletionItem carrying a suggestion for clients without inline completion.</summary>
/// <param name="Kind">LSP CompletionItemKind (1 = Text).</param>
public sealed record CompletionListItem(
    string Label,
    int Kind,
    string Detail,
    string FilterText,
    string SortText,
    bool Preselect,
    TextEdit TextEdit,
    LspCommand Command);

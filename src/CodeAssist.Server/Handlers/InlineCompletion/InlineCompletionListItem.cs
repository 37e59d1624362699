using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>LSP InlineCompletionItem: <see cref="InsertText"/> replaces <see cref="Range"/>.</summary>
/// <param name="Data">CodeAssist's addition: what the compiler said about the item (see docs/lsp-extensions.md).</param>
public sealed record InlineCompletionListItem(string InsertText, Range Range, LspCommand Command, string? FilterText = null, InlineCompletionItemData? Data = null);

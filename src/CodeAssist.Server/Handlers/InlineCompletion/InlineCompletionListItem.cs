using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>LSP InlineCompletionItem: <see cref="InsertText"/> replaces <see cref="Range"/>.</summary>
public sealed record InlineCompletionListItem(string InsertText, Range Range, LspCommand Command, string? FilterText = null);

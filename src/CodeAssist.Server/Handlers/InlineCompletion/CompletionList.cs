namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>LSP CompletionList; incomplete so the client asks again as the user types.</summary>
public sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionListItem> Items);

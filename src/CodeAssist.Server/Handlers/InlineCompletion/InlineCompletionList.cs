namespace CodeAssist.Server.Handlers.InlineCompletion;

public sealed record InlineCompletionList(IReadOnlyList<InlineCompletionListItem> Items);

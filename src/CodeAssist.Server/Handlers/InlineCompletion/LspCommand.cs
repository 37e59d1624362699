namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>LSP Command: what the client runs when an item is accepted.</summary>
public sealed record LspCommand(string Title, string Command, IReadOnlyList<object>? Arguments = null);

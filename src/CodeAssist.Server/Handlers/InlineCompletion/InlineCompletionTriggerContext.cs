namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>LSP InlineCompletionContext: triggerKind 1 = invoked by the user, 2 = automatic (typing).</summary>
public sealed record InlineCompletionTriggerContext(int TriggerKind);

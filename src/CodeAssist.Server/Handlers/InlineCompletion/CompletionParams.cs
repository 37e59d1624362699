using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>textDocument/completion params; the completion context (trigger character) is not needed here.</summary>
public sealed record CompletionParams : TextDocumentPositionParams;

using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>textDocument/inlineCompletion params (LSP 3.18).</summary>
public sealed record InlineCompletionParams : TextDocumentPositionParams
{
    public InlineCompletionTriggerContext? Context { get; init; }
}

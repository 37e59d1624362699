using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.Context;

/// <summary>codeAssist/context params: a position and an optional token budget (default: the codeassist.context setting).</summary>
public sealed record ContextParams : TextDocumentPositionParams
{
    public int? BudgetTokens { get; init; }
}

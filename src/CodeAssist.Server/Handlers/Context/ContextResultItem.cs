using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.Context;

/// <summary>One context item; <see cref="Kind"/> is camelCase (namespace, receiverMember, crossFileSymbol...).</summary>
public sealed record ContextResultItem(string Kind, string Text, double Score, Location? Location);

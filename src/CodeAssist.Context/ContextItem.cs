namespace CodeAssist.Context;

/// <summary>One ranked piece of context: compact C# text (signatures, not bodies) and where it came from.</summary>
public sealed record ContextItem(ContextItemKind Kind, string Text, double Score, SourceLocation? Location);

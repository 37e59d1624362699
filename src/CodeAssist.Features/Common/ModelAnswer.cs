namespace CodeAssist.Features.Common;

/// <summary>A model's final answer (reasoning removed) and whether it came from the response cache.</summary>
public sealed record ModelAnswer(string Text, string ModelId, bool FromCache);

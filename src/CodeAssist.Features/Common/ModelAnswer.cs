namespace CodeAssist.Features.Common;

/// <summary>A model's final answer (reasoning removed) and whether it came from the response cache.</summary>
/// <param name="Provider">The provider chain link that answered ("team", "local"); null for a cache hit or no chain.</param>
public sealed record ModelAnswer(string Text, string ModelId, bool FromCache, string? Provider = null);

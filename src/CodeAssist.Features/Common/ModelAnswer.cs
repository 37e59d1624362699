namespace CodeAssist.Features.Common;

/// <summary>
/// A model's final answer (reasoning removed) and whether it came from the response cache. <paramref name="Complete"/>
/// is false when the server cut the stream: the text then ends with a notice saying so.
/// </summary>
/// <param name="Provider">The provider chain link that answered ("team", "local"); null for a cache hit or no chain.</param>
public sealed record ModelAnswer(string Text, string ModelId, bool FromCache, string? Provider = null, bool Complete = true);

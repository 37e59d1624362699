namespace CodeAssist.Llm;

/// <summary>
/// A piece of generated text for candidate <see cref="CandidateIndex"/>. The last chunk of a candidate has
/// <see cref="Usage"/> set (its text may be empty).
/// </summary>
public sealed record CompletionChunk(int CandidateIndex, string Text, CompletionUsage? Usage = null);

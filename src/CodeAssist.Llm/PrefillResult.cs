namespace CodeAssist.Llm;

/// <summary>
/// What a background prefill of a prompt head did. <see cref="Complete"/> means the whole head is in the model's
/// cache (or, for a remote server, was sent to its prompt cache); a pre-empted prefill keeps the tokens it finished
/// and a later call with the same head resumes after them.
/// </summary>
/// <param name="HeadTokens">Tokens of the head as the model counts them.</param>
/// <param name="PrefilledTokens">Tokens this call evaluated (0 when the head was already cached).</param>
/// <param name="Preempted">A foreground request took the model before the head was done.</param>
public sealed record PrefillResult(bool Complete, int HeadTokens, int PrefilledTokens, bool Preempted)
{
    /// <summary>The provider has no cache to prefill.</summary>
    public static PrefillResult Unsupported { get; } = new(false, 0, 0, false);

    public bool Supported => HeadTokens > 0 || Complete;
}

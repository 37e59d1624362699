namespace CodeAssist.Llm.Fim;

/// <summary>
/// A fill-in-the-middle prompt layout, as special-token strings. Local models map these strings to the GGUF's
/// token ids (user code is tokenized with special tokens off so it cannot inject markers); remote models get text.
/// </summary>
/// <param name="Name">Settings name: qwen2.5-coder, starcoder2, deepseek-coder, codellama, codestral.</param>
/// <param name="SuffixFirst">True for SPM order (suffix before prefix), false for PSM.</param>
/// <param name="RepoNameToken">Repo-level marker (Qwen2.5-Coder's &lt;|repo_name|&gt;), or null.</param>
/// <param name="FileSeparatorToken">Repo-level file separator (&lt;|file_sep|&gt;), or null.</param>
/// <param name="EndTokens">Tokens that end a completion (end of text, file separators, padding).</param>
public sealed record FimTemplate(
    string Name,
    string PrefixToken,
    string SuffixToken,
    string MiddleToken,
    bool SuffixFirst,
    string? RepoNameToken,
    string? FileSeparatorToken,
    IReadOnlyList<string> EndTokens)
{
    /// <summary>
    /// Whether the middle marker is written into the prompt. Codestral's format ends with the prefix
    /// (<c>[SUFFIX]suf[PREFIX]pre</c>) and the model continues it; the others end with the middle marker.
    /// <value>true</value>
    /// </summary>
    public bool MiddleTokenInPrompt { get; init; } = true;

    /// <summary>
    /// Text inserted around markers when the prompt is rendered as text for a remote model. CodeLlama's
    /// SentencePiece markers carry a leading space (<c>&lt;PRE&gt; pre &lt;SUF&gt;suf &lt;MID&gt;</c>); a local
    /// provider working with token ids gets the same effect from the tokenizer and ignores this. <value>empty</value>
    /// </summary>
    public string TextMarkerSpacing { get; init; } = "";

    /// <summary>
    /// How a repo-level layout separates a file path from its content: Qwen2.5-Coder and StarCoder2 both put a
    /// newline after the path. StarCoder2 puts the current file's path after the prefix marker.
    /// </summary>
    public bool FilePathInsidePrefix { get; init; }

    /// <summary>Qwen2.5-Coder ends the repo name and each context file with a newline; StarCoder2 adds none.</summary>
    public bool NewlineAfterRepoEntries { get; init; }

    public bool SupportsRepositoryLevel => RepoNameToken is not null && FileSeparatorToken is not null;
}

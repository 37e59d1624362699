namespace CodeAssist.Llm.Fim;

/// <summary>
/// A fill-in-the-middle prompt layout, as special-token strings. Local models map these strings to the GGUF's
/// token ids (user code is tokenized with special tokens off so it cannot inject markers); remote models get text.
/// </summary>
/// <param name="Name">Settings name: qwen2.5-coder, starcoder2, deepseek-coder, codellama, codestral.</param>
/// <param name="SuffixFirst">True for SPM order (suffix before prefix), false for PSM.</param>
/// <param name="RepoNameToken">Repo-level marker (Qwen2.5-Coder's &lt;|repo_name|&gt;), or null.</param>
/// <param name="FileSeparatorToken">Repo-level file separator (&lt;|file_sep|&gt;), or null.</param>
public sealed record FimTemplate(
    string Name,
    string PrefixToken,
    string SuffixToken,
    string MiddleToken,
    bool SuffixFirst,
    string? RepoNameToken,
    string? FileSeparatorToken,
    IReadOnlyList<string> EndTokens);

using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>The FIM marker token ids of a loaded vocabulary, and the layout they call for.</summary>
/// <param name="Name">The template name reported in ModelInfo (qwen2.5-coder, starcoder2, ...).</param>
/// <param name="SuffixFirst">SPM order (Codestral): suffix, then prefix, and no middle marker.</param>
/// <param name="RepoName">Repo-level marker (Qwen2.5-Coder's &lt;|repo_name|&gt;), if the vocabulary has one.</param>
/// <param name="FileSeparator">Repo-level file separator (&lt;|file_sep|&gt;), if the vocabulary has one.</param>
internal sealed record FimTokens(
    string Name,
    LLamaToken Prefix,
    LLamaToken Suffix,
    LLamaToken Middle,
    bool SuffixFirst,
    LLamaToken? RepoName,
    LLamaToken? FileSeparator)
{
    public bool IsRepoLevel => RepoName is not null && FileSeparator is not null;
}

using CodeAssist.Llm.Fim;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>A FIM template bound to a loaded vocabulary: every marker string of the template has its token id.</summary>
/// <param name="Template">The catalog template, with marker strings spelled as this vocabulary spells them.</param>
/// <param name="MarkerIds">Token id of each marker string the template uses.</param>
/// <param name="EndTokenIds">Ids of the template's end tokens; generation stops on them besides llama.cpp's end-of-generation set.</param>
internal sealed record FimTokens(FimTemplate Template, IReadOnlyDictionary<string, LLamaToken> MarkerIds, IReadOnlySet<LLamaToken> EndTokenIds)
{
    public string Name => Template.Name;

    public LLamaToken Prefix => MarkerIds[Template.PrefixToken];

    public LLamaToken Suffix => MarkerIds[Template.SuffixToken];

    public LLamaToken Middle => MarkerIds[Template.MiddleToken];

    public LLamaToken? RepoName => Template.RepoNameToken is { } repo ? MarkerIds[repo] : null;

    public LLamaToken? FileSeparator => Template.FileSeparatorToken is { } separator ? MarkerIds[separator] : null;

    public bool IsRepoLevel => Template.SupportsRepositoryLevel;
}

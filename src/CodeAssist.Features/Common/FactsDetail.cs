namespace CodeAssist.Features.Common;

/// <summary>
/// How much of the Roslyn facts a prompt carries, from everything down to signatures alone. A prompt that must fit
/// a small model drops the least useful part first: documentation, then callers, then calls and related members.
/// </summary>
internal enum FactsDetail
{
    SignaturesOnly,
    WithCalls,
    WithCallers,
    All,
}

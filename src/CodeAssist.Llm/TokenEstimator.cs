using CodeAssist.Shared;

namespace CodeAssist.Llm;

/// <summary>
/// Token counts for models whose tokenizer we do not have (remote models): the one estimate that the context
/// budget uses without a model too (<see cref="TokenEstimate"/>), on the safe side, so a prompt sized by it fits
/// the context window.
/// </summary>
public static class TokenEstimator
{
    public static int Estimate(string? text) => TokenEstimate.Count(text);
}

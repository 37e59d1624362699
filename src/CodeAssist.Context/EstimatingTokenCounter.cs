using CodeAssist.Shared;

namespace CodeAssist.Context;

/// <summary>Counts tokens when no model tokenizer is given, with the one estimate (<see cref="TokenEstimate"/>), on the safe side.</summary>
public sealed class EstimatingTokenCounter : ITokenCounter
{
    public static EstimatingTokenCounter Instance { get; } = new();

    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TokenEstimate.Count(text);
    }
}

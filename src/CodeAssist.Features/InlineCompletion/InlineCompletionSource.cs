namespace CodeAssist.Features.InlineCompletion;

/// <summary>Where a suggestion came from; the statistics count each.</summary>
public enum InlineCompletionSource
{
    Model,
    Cache,
    TypingThrough,
    InFlightJoin,
    Roslyn,
}

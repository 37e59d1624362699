namespace CodeAssist.Features.InlineCompletion;

/// <summary>Per-request bookkeeping for the statistics: time not attributable to the server itself.</summary>
internal sealed class RequestTiming
{
    /// <summary>Debounce wait plus time spent waiting while the model generated.</summary>
    public double ExcludedMs { get; set; }

    public bool TypingThrough { get; set; }
}

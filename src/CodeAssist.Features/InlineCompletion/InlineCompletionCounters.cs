namespace CodeAssist.Features.InlineCompletion;

/// <summary>Thread-safe counters behind <see cref="InlineCompletionStatistics"/>.</summary>
internal sealed class InlineCompletionCounters
{
    private long requests;
    private long shown;
    private long modelCalls;
    private long cacheHits;
    private long typingThroughHits;
    private long inFlightJoins;
    private long superseded;
    private long wastedTokens;
    private long accepted;
    private long rejected;
    private long repaired;
    private long trimmed;
    private long unverified;
    private long withheldUnverified;
    private long verifiedLate;
    private long roslynFallbacks;
    private long modelFailures;
    private long prefilledTokens;
    private long prefillPreemptions;
    private long prefilledCaretPrompts;
    private long prefilledCaretHits;
    private long prefilledHeadHits;
    private long prefillFailures;
    private long speculations;
    private double modelLatencyAverageMs;
    private double generatedTokensAverage;

    public LatencyRecorder Latency { get; } = new();

    public LatencyRecorder Verification { get; } = new();

    public LatencyRecorder ModelLatency { get; } = new();

    /// <summary>Smoothed model latency for the debounce (percentiles sort; this is read on every keystroke).</summary>
    public double ModelLatencyAverageMs => Volatile.Read(ref modelLatencyAverageMs);

    public LatencyRecorder Overhead { get; } = new();

    /// <summary>Prompt tokens the model had to evaluate per call (the rest came from its cache).</summary>
    public LatencyRecorder EvaluatedPromptTokens { get; } = new();

    /// <summary>Smoothed tokens generated per call, for sizing prompts (see <see cref="PromptPlanner"/>).</summary>
    public double GeneratedTokensAverage => Volatile.Read(ref generatedTokensAverage);

    public void ModelUsage(int evaluatedPromptTokens, int generatedTokens)
    {
        EvaluatedPromptTokens.Record(evaluatedPromptTokens);
        var previous = Volatile.Read(ref generatedTokensAverage);
        Volatile.Write(ref generatedTokensAverage, previous == 0 ? generatedTokens : (0.8 * previous) + (0.2 * generatedTokens));
    }

    public LatencyRecorder TypingThroughLatency { get; } = new();

    public void ModelFinished(double milliseconds)
    {
        ModelLatency.Record(milliseconds);
        var previous = Volatile.Read(ref modelLatencyAverageMs);
        Volatile.Write(ref modelLatencyAverageMs, previous == 0 ? milliseconds : (0.8 * previous) + (0.2 * milliseconds));
    }

    public void Request() => Interlocked.Increment(ref requests);

    public void Shown() => Interlocked.Increment(ref shown);

    public void ModelCall() => Interlocked.Increment(ref modelCalls);

    public void CacheHit() => Interlocked.Increment(ref cacheHits);

    public void TypingThroughHit() => Interlocked.Increment(ref typingThroughHits);

    public void InFlightJoin() => Interlocked.Increment(ref inFlightJoins);

    public void Superseded() => Interlocked.Increment(ref superseded);

    public void WastedTokens(long tokens) => Interlocked.Add(ref wastedTokens, tokens);

    public void Accepted() => Interlocked.Increment(ref accepted);

    public void Rejected() => Interlocked.Increment(ref rejected);

    public void Repaired() => Interlocked.Increment(ref repaired);

    public void Trimmed() => Interlocked.Increment(ref trimmed);

    public void Unverified() => Interlocked.Increment(ref unverified);

    public void WithheldUnverified(int candidates) => Interlocked.Add(ref withheldUnverified, candidates);

    public void VerifiedLate() => Interlocked.Increment(ref verifiedLate);

    public void RoslynFallback() => Interlocked.Increment(ref roslynFallbacks);

    public void ModelFailure() => Interlocked.Increment(ref modelFailures);

    public void Prefilled(int tokens, bool preempted)
    {
        Interlocked.Add(ref prefilledTokens, tokens);
        if (preempted)
        {
            Interlocked.Increment(ref prefillPreemptions);
        }
    }

    public void PrefilledHeadHit() => Interlocked.Increment(ref prefilledHeadHits);

    public void PrefilledCaretPrompt() => Interlocked.Increment(ref prefilledCaretPrompts);

    public void PrefilledCaretHit() => Interlocked.Increment(ref prefilledCaretHits);

    public void PrefillFailure() => Interlocked.Increment(ref prefillFailures);

    public void Speculation() => Interlocked.Increment(ref speculations);

    public InlineCompletionStatistics Snapshot() => new()
    {
        Requests = Interlocked.Read(ref requests),
        Shown = Interlocked.Read(ref shown),
        ModelCalls = Interlocked.Read(ref modelCalls),
        CacheHits = Interlocked.Read(ref cacheHits),
        TypingThroughHits = Interlocked.Read(ref typingThroughHits),
        InFlightJoins = Interlocked.Read(ref inFlightJoins),
        Superseded = Interlocked.Read(ref superseded),
        WastedTokens = Interlocked.Read(ref wastedTokens),
        Accepted = Interlocked.Read(ref accepted),
        RejectedByVerification = Interlocked.Read(ref rejected),
        Repaired = Interlocked.Read(ref repaired),
        Trimmed = Interlocked.Read(ref trimmed),
        Unverified = Interlocked.Read(ref unverified),
        WithheldUnverified = Interlocked.Read(ref withheldUnverified),
        VerifiedLate = Interlocked.Read(ref verifiedLate),
        RoslynFallbacks = Interlocked.Read(ref roslynFallbacks),
        ModelFailures = Interlocked.Read(ref modelFailures),
        PrefilledTokens = Interlocked.Read(ref prefilledTokens),
        PrefillPreemptions = Interlocked.Read(ref prefillPreemptions),
        PrefilledHeadHits = Interlocked.Read(ref prefilledHeadHits),
        PrefilledCaretPrompts = Interlocked.Read(ref prefilledCaretPrompts),
        PrefilledCaretHits = Interlocked.Read(ref prefilledCaretHits),
        PrefillFailures = Interlocked.Read(ref prefillFailures),
        Speculations = Interlocked.Read(ref speculations),
        LatencyP50Ms = Latency.Percentile(50),
        LatencyP95Ms = Latency.Percentile(95),
        VerificationP50Ms = Verification.Percentile(50),
        VerificationP95Ms = Verification.Percentile(95),
        ModelLatencyP50Ms = ModelLatency.Percentile(50),
        OverheadP50Ms = Overhead.Percentile(50),
        OverheadP95Ms = Overhead.Percentile(95),
        EvaluatedPromptTokensP50 = EvaluatedPromptTokens.Percentile(50),
        EvaluatedPromptTokensP95 = EvaluatedPromptTokens.Percentile(95),
        TypingThroughP95Ms = TypingThroughLatency.Percentile(95),
    };
}

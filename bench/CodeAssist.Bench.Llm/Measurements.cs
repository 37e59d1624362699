namespace CodeAssist.Bench.Llm;

/// <summary>One model's results; times in milliseconds.</summary>
internal sealed record Measurements(
    string Model,
    double FileMiB,
    double CharactersPerToken,
    int Threads,
    double LoadMs,
    int PromptTokens,
    double PromptTokensPerSecond,
    int GeneratedTokens,
    double GenerationTokensPerSecond,
    int SharedTokens,
    int EvaluatedWithReuse,
    double FirstTokenWithReuseMs,
    double FirstTokenWithoutReuseMs,
    double RssMiB,
    double PeakRssMiB)
{
    public double ReuseSpeedup => FirstTokenWithoutReuseMs / FirstTokenWithReuseMs;
}

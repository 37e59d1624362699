namespace CodeAssist.Llm;

/// <summary>
/// Running averages of prompt and generation speed, from a provider's own timings (llama.cpp in-process, llama-server's
/// "timings"). Short measurements are skipped: a few tokens cost mostly fixed
/// per-decode overhead and would make the model look slower than it is on a real prompt.
/// </summary>
public sealed class ThroughputMeter
{
    private const int MinPromptTokens = 32;
    private const int MinGeneratedTokens = 4;

    // Weight of the newest measurement: recent enough to follow a machine getting busy, smooth enough to ignore one hiccup.
    private const double Weight = 0.3;

    private readonly Lock _gate = new();
    private double _promptPerSecond;
    private double _generatedPerSecond;

    public ModelThroughput? Current
    {
        get
        {
            lock (_gate)
            {
                return _promptPerSecond > 0 && _generatedPerSecond > 0 ? new ModelThroughput(_promptPerSecond, _generatedPerSecond) : null;
            }
        }
    }

    public void Observe(int promptTokens, TimeSpan promptTime, int generatedTokens, TimeSpan generationTime)
    {
        lock (_gate)
        {
            if (promptTokens >= MinPromptTokens && promptTime > TimeSpan.Zero)
            {
                _promptPerSecond = Average(_promptPerSecond, promptTokens / promptTime.TotalSeconds);
            }

            if (generatedTokens >= MinGeneratedTokens && generationTime > TimeSpan.Zero)
            {
                _generatedPerSecond = Average(_generatedPerSecond, generatedTokens / generationTime.TotalSeconds);
            }
        }
    }

    private static double Average(double current, double sample) => current <= 0 ? sample : current + (Weight * (sample - current));
}

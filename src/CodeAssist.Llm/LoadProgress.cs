namespace CodeAssist.Llm;

/// <summary>
/// Reports load progress in steps of 10% at most, synchronously: Progress&lt;T&gt; would post to the thread pool
/// and could deliver "40%" after "Ready".
/// </summary>
internal sealed class LoadProgress : IProgress<double>
{
    private readonly Action<double> _report;
    private int _lastStep = -1;

    public LoadProgress(Action<double> report)
    {
        _report = report;
    }

    public void Report(double value)
    {
        var step = (int)(Math.Clamp(value, 0, 1) * 10);
        if (step >= 10 || Interlocked.Exchange(ref _lastStep, step) == step)
        {
            return;
        }

        _report(step / 10.0);
    }
}

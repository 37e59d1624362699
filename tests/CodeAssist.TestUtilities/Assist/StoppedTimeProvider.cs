namespace CodeAssist.TestUtilities.Assist;

/// <summary>
/// A clock whose timers never fire, so time-bounded searches (callers, overrides) always run to completion in
/// tests and their results, and the prompts built from them, do not depend on machine load.
/// </summary>
public sealed class StoppedTimeProvider : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverTimer();

    private sealed class NeverTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

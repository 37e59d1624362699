namespace CodeAssist.TestUtilities.Assist;

/// <summary>
/// A clock on which every timer has already run out: time-bounded searches (callers, overrides) stop before they
/// find anything, as on a machine too loaded to finish them, without a test depending on load.
/// </summary>
public sealed class ExpiredTimeProvider : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        callback(state);
        return new SpentTimer();
    }

    private sealed class SpentTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

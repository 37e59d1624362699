namespace CodeAssist.Cli.Tests.Terminal;

/// <summary>A clock that moves only when told, firing the timers that fall due, on the caller's thread.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state, _ticks + dueTime.Ticks, period.Ticks);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    public void Advance(TimeSpan by)
    {
        var end = _ticks + by.Ticks;
        while (true)
        {
            ManualTimer? next;
            lock (_timers)
            {
                next = _timers.Where(t => t.DueTicks <= end).MinBy(t => t.DueTicks);
            }

            if (next is null)
            {
                break;
            }

            _ticks = Math.Max(_ticks, next.DueTicks);
            next.Fire();
        }

        _ticks = end;
    }

    private void Remove(ManualTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state, long dueTicks, long periodTicks) : ITimer
    {
        public long DueTicks { get; private set; } = dueTicks;

        public void Fire()
        {
            if (periodTicks > 0)
            {
                DueTicks += periodTicks;
            }
            else
            {
                clock.Remove(this);
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException();

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

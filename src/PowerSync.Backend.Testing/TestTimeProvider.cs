namespace PowerSync.Backend.Testing;

/// <summary>
/// A clock that tests control. With <see cref="AutoAdvance"/> (the default) every timer moves the clock to
/// its due time and fires at once, so retry back-offs run instantly while elapsed time still adds up.
/// </summary>
public sealed class TestTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly List<TimeSpan> _delays = [];
    private DateTimeOffset _now;
    private long _elapsedTicks;

    /// <summary>Creates the clock.</summary>
    /// <param name="start">The starting time; by default 2025-01-01T00:00:00Z.</param>
    public TestTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Whether creating a timer advances the clock to its due time.</summary>
    /// <value><see langword="true"/>.</value>
    public bool AutoAdvance { get; set; } = true;

    /// <summary>The due times of every timer created, in order (for example the retry back-off delays).</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_lock)
            {
                return [.. _delays];
            }
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _elapsedTicks;
        }
    }

    /// <summary>Moves the clock forward and fires the timers that fall due.</summary>
    /// <param name="by">How far.</param>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<FakeTimer> due;
        lock (_lock)
        {
            _now += by;
            _elapsedTicks += by.Ticks;
            due = [];
            foreach (var timer in _timers.ToArray())
            {
                // A periodic timer fires once for every period the step spans.
                while (timer.DueAt <= _elapsedTicks)
                {
                    due.Add(timer);
                    timer.Rearm();
                }

                if (timer.DueAt == long.MaxValue)
                {
                    _timers.Remove(timer);
                }
            }
        }

        foreach (var timer in due)
        {
            // Off the caller's stack, as a real timer would fire, so callbacks cannot re-enter Advance.
            ThreadPool.UnsafeQueueUserWorkItem(static t => t.Fire(), timer, preferLocal: false);
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime)
    {
        bool advance;
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            _delays.Add(dueTime);
            timer.DueAt = _elapsedTicks + dueTime.Ticks;
            _timers.Add(timer);
            advance = AutoAdvance;
        }

        Advance(advance ? dueTime : TimeSpan.Zero);
    }

    private void Cancel(FakeTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(TestTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public long DueAt { get; set; } = long.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Rearm() => DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? long.MaxValue : DueAt + _period.Ticks;

        public void Fire() => callback(state);

        public void Dispose() => owner.Cancel(this);

        public ValueTask DisposeAsync()
        {
            owner.Cancel(this);
            return ValueTask.CompletedTask;
        }
    }
}

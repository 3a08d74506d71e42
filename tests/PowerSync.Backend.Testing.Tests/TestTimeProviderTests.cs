namespace PowerSync.Backend.Testing.Tests;

public sealed class TestTimeProviderTests
{
    private static readonly DateTimeOffset DefaultStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Real time, only as a ceiling on waiting for a timer callback the clock queued to the thread pool.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // Real time given to a callback that must not run, so that a wrongly queued one gets the chance to show.
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Clock_starts_at_2025_by_default_or_at_the_given_time()
    {
        var start = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(DefaultStart, new TestTimeProvider().GetUtcNow());
        Assert.Equal(start, new TestTimeProvider(start).GetUtcNow());
    }

    [Fact]
    public void GetUtcNow_and_GetTimestamp_advance_with_Advance()
    {
        var clock = new TestTimeProvider();
        var started = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(DefaultStart.AddSeconds(5.25), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(5.25).Ticks * clock.TimestampFrequency / TimeSpan.TicksPerSecond, clock.GetTimestamp() - started);
        Assert.Equal(TimeSpan.FromSeconds(5.25), clock.GetElapsedTime(started));
    }

    [Fact]
    public void Time_does_not_pass_without_Advance()
    {
        var clock = new TestTimeProvider();
        var now = clock.GetUtcNow();
        var timestamp = clock.GetTimestamp();

        Assert.Equal(now, clock.GetUtcNow());
        Assert.Equal(timestamp, clock.GetTimestamp());
    }

    [Fact]
    public void Advance_refuses_a_negative_span()
    {
        var clock = new TestTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        Assert.Equal(DefaultStart, clock.GetUtcNow());
    }

    [Fact]
    public async Task With_AutoAdvance_a_delay_completes_at_once_and_moves_the_clock()
    {
        var clock = new TestTimeProvider();
        Assert.True(clock.AutoAdvance);

        await Task.Delay(TimeSpan.FromSeconds(30), clock).WaitAsync(Patience);

        Assert.Equal(DefaultStart.AddSeconds(30), clock.GetUtcNow());
        Assert.Equal([TimeSpan.FromSeconds(30)], clock.Delays);
    }

    [Fact]
    public async Task Delays_records_every_timer_in_order_and_elapsed_time_adds_up()
    {
        var clock = new TestTimeProvider();
        var started = clock.GetTimestamp();

        await Task.Delay(TimeSpan.FromSeconds(1), clock).WaitAsync(Patience);
        await Task.Delay(TimeSpan.FromSeconds(2), clock).WaitAsync(Patience);
        await Task.Delay(TimeSpan.FromSeconds(4), clock).WaitAsync(Patience);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], clock.Delays);
        Assert.Equal(TimeSpan.FromSeconds(7), clock.GetElapsedTime(started));
    }

    [Fact]
    public async Task Without_AutoAdvance_a_delay_completes_only_once_advanced_past_its_due_time()
    {
        var clock = new TestTimeProvider { AutoAdvance = false };

        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock);
        Assert.Equal(DefaultStart, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.WhenAny(delay, Task.Delay(Grace));
        Assert.False(delay.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(Patience);

        Assert.Equal(DefaultStart.AddSeconds(30), clock.GetUtcNow());
        Assert.Equal([TimeSpan.FromSeconds(30)], clock.Delays);
    }

    [Fact]
    public async Task Disposing_a_timer_cancels_it()
    {
        var clock = new TestTimeProvider { AutoAdvance = false };
        var cancelledFired = 0;
        var control = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = clock.CreateTimer(_ => Interlocked.Increment(ref cancelledFired), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var controlTimer = clock.CreateTimer(_ => control.TrySetResult(), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        cancelled.Dispose();
        clock.Advance(TimeSpan.FromSeconds(20));
        await control.Task.WaitAsync(Patience);
        await Task.Delay(Grace);

        Assert.Equal(0, Volatile.Read(ref cancelledFired));
    }

    [Fact]
    public async Task Cancelling_a_pending_delay_cancels_it_without_moving_the_clock()
    {
        var clock = new TestTimeProvider { AutoAdvance = false };
        using var cancellation = new CancellationTokenSource();

        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
        Assert.True(delay.IsCanceled);
        Assert.Equal(DefaultStart, clock.GetUtcNow());
    }

    [Fact]
    public async Task Periodic_timer_fires_once_per_period_when_advanced_period_by_period()
    {
        var clock = new TestTimeProvider { AutoAdvance = false };
        using var fired = new SemaphoreSlim(0);
        var count = 0;
        using var timer = clock.CreateTimer(
            _ =>
            {
                Interlocked.Increment(ref count);
                fired.Release();
            },
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(await fired.WaitAsync(Grace));
        for (var i = 1; i <= 3; i++)
        {
            clock.Advance(i == 1 ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromSeconds(1));
            Assert.True(await fired.WaitAsync(Patience), $"tick {i} did not fire");
        }

        Assert.False(await fired.WaitAsync(Grace));
        Assert.Equal(3, Volatile.Read(ref count));
    }

    [Fact]
    public async Task Periodic_timer_fires_once_for_each_period_one_advance_spans()
    {
        var clock = new TestTimeProvider { AutoAdvance = false };
        using var fired = new SemaphoreSlim(0);
        var count = 0;
        using var timer = clock.CreateTimer(
            _ =>
            {
                Interlocked.Increment(ref count);
                fired.Release();
            },
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(3));
        for (var i = 0; i < 3 && await fired.WaitAsync(Grace); i++)
        {
        }

        Assert.Equal(3, Volatile.Read(ref count));

        // Nothing is overdue now: an advance that reaches no new period fires nothing.
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(await fired.WaitAsync(Grace));
        Assert.Equal(3, Volatile.Read(ref count));
    }

    [Fact]
    public async Task Changing_a_timer_reschedules_it()
    {
        var clock = new TestTimeProvider { AutoAdvance = false };
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = clock.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromSeconds(15));
        await Task.WhenAny(fired.Task, Task.Delay(Grace));
        Assert.False(fired.Task.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(5));
        await fired.Task.WaitAsync(Patience);
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], clock.Delays);
    }
}

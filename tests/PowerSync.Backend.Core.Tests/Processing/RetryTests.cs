using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

/// <summary>Retries run on the <c>TestTimeProvider</c>: back-offs advance the fake clock, nothing sleeps.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task A_transient_failure_is_retried_with_growing_bounded_delays_until_it_succeeds()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.FailTransiently(times: 2));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a", ("title", "x")))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(3, pipeline.Store.Attempts);
        Assert.Equal(3, Assert.Single(pipeline.Store.Applied).Attempt);
        var delays = pipeline.Clock.Delays;
        Assert.Equal(2, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromTicks(1), pipeline.Options.Retry.MaxDelay));
        // The clock moved by the back-offs, not by real time.
        Assert.Equal(delays[0] + delays[1], pipeline.Clock.GetElapsedTime(0));
    }

    [Fact]
    public async Task Exhausted_retries_give_a_retryable_error_after_MaxRetries_plus_one_attempts_with_nothing_applied()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o => o.Retry.MaxRetries = 2),
            s => s.FailTransiently(times: 5));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a")), Tx(2, Put("b"))));

        Assert.Equal([TransactionStatus.RetryableError, TransactionStatus.NotAttempted], result.Results.Select(r => r.Status));
        Assert.Equal(pipeline.Options.Retry.RetryAfter, result.Results[0].RetryAfter);
        Assert.Equal(3, pipeline.Store.Attempts);
        Assert.Equal(2, pipeline.Clock.Delays.Count);
        Assert.Empty(pipeline.Store.Applied);
        Assert.Empty(pipeline.Store.Rows(Todos));
        Assert.Empty(pipeline.Store.DeadLetters);
    }

    [Fact]
    public async Task MaxRetries_zero_makes_one_attempt()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o => o.Retry.MaxRetries = 0),
            s => s.FailTransiently());

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"))));

        Assert.Equal(TransactionStatus.RetryableError, Assert.Single(result.Results).Status);
        Assert.Equal(1, pipeline.Store.Attempts);
        Assert.Empty(pipeline.Clock.Delays);
    }

    [Fact]
    public async Task A_permanent_failure_is_never_retried_and_is_reported_at_its_entry_and_dead_lettered()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.Reject(ErrorCodes.UniqueViolation, atEntry: 1));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"), Put("b"), Put("c"))));

        var failed = Assert.Single(result.Results);
        Assert.Equal(TransactionStatus.FatalError, failed.Status);
        Assert.Equal(ErrorCodes.UniqueViolation, failed.FailedOperation!.ErrorCode);
        Assert.Equal(1, failed.FailedOperation.OperationIndex);
        Assert.Equal(1, pipeline.Store.Attempts);
        Assert.Empty(pipeline.Clock.Delays);
        var letter = Assert.Single(pipeline.Store.DeadLetters);
        Assert.Equal(ErrorCodes.UniqueViolation, letter.Error.ErrorCode);
        Assert.Equal(1, letter.Error.OperationIndex);
    }

    [Fact]
    public async Task The_time_budget_stops_retrying_before_MaxRetries_is_reached()
    {
        var budget = TimeSpan.FromMilliseconds(100);
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o =>
            {
                o.Retry.MaxRetries = 10;
                o.Retry.BaseDelay = TimeSpan.FromMilliseconds(80);
                o.Retry.TimeBudget = budget;
            }),
            s => s.FailTransiently(times: 100));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"))));

        Assert.Equal(TransactionStatus.RetryableError, Assert.Single(result.Results).Status);
        var delays = pipeline.Clock.Delays;
        Assert.InRange(pipeline.Store.Attempts, 2, 10);
        Assert.Equal(pipeline.Store.Attempts - 1, delays.Count);
        // Every retry was scheduled while the budget lasted; the last attempt failed past it, so none followed.
        Assert.True(delays.Take(delays.Count - 1).Aggregate(TimeSpan.Zero, (a, d) => a + d) < budget);
        Assert.True(delays.Aggregate(TimeSpan.Zero, (a, d) => a + d) >= budget);
    }

    [Fact]
    public async Task A_failed_attempt_leaves_no_trace_of_the_entries_it_had_written()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s
            .Seed(Todos, "a", Data(("title", "stored")))
            .FailTransiently(times: 1, atEntry: 1));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "first")), Put("b", ("title", "second")))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(2, pipeline.Store.Attempts);
        Assert.Equal(2, Assert.Single(pipeline.Store.Applied).Attempt);
        Assert.Equal(Data(("title", "first")), pipeline.Store.Row(Todos, "a"));
        Assert.Equal(Data(("title", "second")), pipeline.Store.Row(Todos, "b"));
    }

    [Fact]
    public async Task A_permanent_failure_after_earlier_entries_were_written_rolls_them_back()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s
            .Seed(Todos, "a", Data(("title", "stored")))
            .Reject(ErrorCodes.NotNullViolation, atEntry: 1));

        await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "changed")), Put("b", ("title", "new")))));

        Assert.Equal(Data(("title", "stored")), pipeline.Store.Row(Todos, "a"));
        Assert.Null(pipeline.Store.Row(Todos, "b"));
    }

    [Fact]
    public async Task Each_retry_sees_the_conflict_checks_afresh()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.UseVersionColumn("version")),
            s => s.Seed(Todos, "a", Data(("version", 1))).FailTransiently(times: 1, atEntry: 1));

        // Two writes to one row: on the retry, the second must still see the first's version, not a leftover.
        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("version", 2)), Patch("a", ("version", 3)))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(Data(("version", 3)), pipeline.Store.Row(Todos, "a"));
    }
}

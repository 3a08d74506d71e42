using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>Transient failures injected in the database: retried in fresh transactions, never half-applied.</summary>
public abstract class RetryConformance : ConformanceSuite
{
    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected RetryConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_the_final_state_is_exact()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l0", ("name", "seed")))));
        await Database.FailNextTransactionsAsync(Todos, 2, Timeout);

        var result = await backend.UploadAsync(Tx(
            2,
            Put(Lists, "l1", ("name", "a")),
            Patch(Lists, "l0", ("name", "patched")),
            Put(Todos, "t1", ("list_id", "l1"), ("description", "d")),
            Delete(Lists, "l0"),
            Patch(Lists, "l1", ("owner_id", "o"))));

        AssertSuccess(result);
        Assert.False(result.Results[0].IsDuplicate);
        Assert.Equal(Data(("name", "a"), ("owner_id", "o"), ("created_at", null)), await RowAsync(Lists, "l1"));
        await AssertNoRowAsync(Lists, "l0");
        Assert.Equal(1, await CountAsync(Lists));
        Assert.Equal(1, await CountAsync(Todos));
        Assert.Empty(await DeadLettersAsync());
        Assert.Equal(2L, (await backend.PositionAsync()).LastTransactionId);
    }

    [Fact]
    public async Task Transient_failures_beyond_the_retry_limit_are_reported_retryable_and_apply_nothing()
    {
        var backend = Start(pipeline: b => b.Configure(o => o.Retry.MaxRetries = 1));
        await Database.FailNextTransactionsAsync(Lists, 2, Timeout);
        var upload = Upload(ClientId, Tx(1, Put(Lists, "l1", ("name", "a")), Put(Todos, "t1", ("list_id", "l1"))), Tx(2, Put(Lists, "l2", ("name", "b"))));

        var result = await backend.UploadAsync(upload);

        Assert.Equal(TransactionStatus.RetryableError, result.Results[0].Status);
        Assert.NotNull(result.Results[0].RetryAfter);
        Assert.Equal(TransactionStatus.NotAttempted, result.Results[1].Status);
        await AssertEmptyAsync();
        Assert.Empty(await DeadLettersAsync());
        Assert.Equal(LedgerPosition.None, await backend.PositionAsync());

        // The client re-sends; the failures are spent.
        AssertSuccess(await backend.UploadAsync(upload));
        Assert.Equal(2, await CountAsync(Lists));
        Assert.Equal(1, await CountAsync(Todos));
    }

    [Fact]
    public async Task A_retryable_transaction_keeps_the_transactions_committed_before_it()
    {
        var backend = Start(pipeline: b => b.Configure(o => o.Retry.MaxRetries = 0));
        await Database.FailNextTransactionsAsync(Todos, 1, Timeout);

        var result = await backend.UploadAsync(
            Tx(1, Put(Lists, "l1", ("name", "a"))),
            Tx(2, Put(Todos, "t1", ("list_id", "l1"))),
            Tx(3, Put(Lists, "l3", ("name", "c"))));

        Assert.Equal([TransactionStatus.Success, TransactionStatus.RetryableError, TransactionStatus.NotAttempted], result.Results.Select(r => r.Status));
        await AssertRowAsync(Lists, "l1");
        await AssertNoRowAsync(Lists, "l3");
        Assert.Equal(0, await CountAsync(Todos));
        Assert.Equal(1L, (await backend.PositionAsync()).LastTransactionId);
    }

    [Fact]
    public async Task A_transient_failure_in_a_set_based_run_is_retried_whole()
    {
        var backend = Start();
        await Database.FailNextTransactionsAsync(Lists, 1, Timeout);

        AssertSuccess(await backend.UploadAsync(Tx(1, Enumerable.Range(0, 100).Select(i => Put(Lists, $"l{i}", ("name", $"n{i}"))).ToArray())));

        Assert.Equal(100, await CountAsync(Lists));
        await AssertRowAsync(Lists, "l99", ("name", "n99"));
    }
}

using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>Exactly-once application through the ledger: re-sent, stale and concurrent uploads.</summary>
public abstract class IdempotencyConformance : ConformanceSuite
{
    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected IdempotencyConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task A_re_sent_upload_applies_once()
    {
        var backend = Start();
        var upload = Upload(ClientId, Tx(1, Put(Lists, "l1", ("name", "a"))), Tx(2, Patch(Lists, "l1", ("name", "b"))));
        var first = await backend.UploadAsync(upload);

        // Another writer changes the row; re-applying the upload would overwrite it.
        AssertSuccess(await backend.UploadAsync(Upload("other-client", Tx(1, Patch(Lists, "l1", ("name", "other"))))));
        var second = await backend.UploadAsync(upload);

        AssertSuccess(first);
        AssertSuccess(second);
        Assert.All(first.Results, r => Assert.False(r.IsDuplicate));
        Assert.All(second.Results, r => Assert.True(r.IsDuplicate));
        await AssertRowAsync(Lists, "l1", ("name", "other"));
    }

    [Fact]
    public async Task An_old_upload_re_sent_after_a_newer_one_changes_nothing()
    {
        var backend = Start();
        var old = Upload(ClientId, Tx(1, Put(Lists, "l1", ("name", "old"), ("owner_id", "o1"))));
        AssertSuccess(await backend.UploadAsync(old));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put(Lists, "l1", ("name", "new"))), Tx(3, Patch(Lists, "l1", ("owner_id", null)))));

        var stale = await backend.UploadAsync(old);

        Assert.True(Assert.Single(stale.Results).IsDuplicate);
        Assert.Equal(Data(("name", "new"), ("owner_id", null), ("created_at", null)), await RowAsync(Lists, "l1"));
    }

    [Fact]
    public async Task A_re_sent_upload_overlapping_applied_transactions_applies_only_the_new_ones()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "a"))), Tx(2, Patch(Lists, "l1", ("name", "b")))));
        AssertSuccess(await backend.UploadAsync(Upload("other-client", Tx(1, Patch(Lists, "l1", ("name", "other"))))));

        var result = await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "a"))), Tx(2, Patch(Lists, "l1", ("name", "b"))), Tx(3, Patch(Lists, "l1", ("owner_id", "o3"))));

        Assert.Equal([true, true, false], result.Results.Select(r => r.IsDuplicate));
        await AssertRowAsync(Lists, "l1", ("name", "other"), ("owner_id", "o3"));
    }

    [Fact]
    public async Task A_re_sent_batch_without_transaction_ids_applies_only_the_entries_past_the_ledger()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Batch(
            Put(Lists, "l1", ("name", "a")) with { OperationId = 1 },
            Patch(Lists, "l1", ("name", "b")) with { OperationId = 2 })));
        AssertSuccess(await backend.UploadAsync(Upload("other-client", Tx(1, Patch(Lists, "l1", ("name", "other"))))));

        AssertSuccess(await backend.UploadAsync(Batch(
            Put(Lists, "l1", ("name", "a")) with { OperationId = 1 },
            Patch(Lists, "l1", ("name", "b")) with { OperationId = 2 },
            Patch(Lists, "l1", ("owner_id", "o3")) with { OperationId = 3 })));

        await AssertRowAsync(Lists, "l1", ("name", "other"), ("owner_id", "o3"));
        Assert.Equal(new LedgerPosition(null, 3), await backend.PositionAsync());
    }

    [Fact]
    public async Task The_ledger_records_the_highest_transaction_and_operation_ids()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(7, Put(Lists, "l1", ("name", "a")), Put(Lists, "l2", ("name", "b")))));

        Assert.Equal(new LedgerPosition(7, 7002), await backend.PositionAsync());
        Assert.Equal(LedgerPosition.None, await backend.PositionAsync("never-seen"));
    }

    [Fact]
    public async Task A_rejected_transaction_advances_the_ledger_and_is_dead_lettered_once()
    {
        var backend = Start();
        var upload = Upload(ClientId, Tx(1, Put(Todos, "t1", ("list_id", "nowhere"))));

        AssertRefused(await backend.UploadAsync(upload), ErrorCodes.ForeignKeyViolation, 0);
        var again = await backend.UploadAsync(upload);

        Assert.True(Assert.Single(again.Results).IsDuplicate);
        Assert.Single(await DeadLettersAsync());
        Assert.Equal(1L, (await backend.PositionAsync()).LastTransactionId);
    }

    [Fact]
    public async Task Concurrent_identical_uploads_from_one_client_apply_once()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "seed")))));
        var upload = Upload(ClientId, Tx(2, Put(Todos, "t1", ("list_id", "l1"), ("description", "once"))), Tx(3, Patch(Lists, "l1", ("name", "after"))));

        var results = await ConcurrentlyAsync(4, _ => backend.UploadAsync(upload));

        Assert.All(results, AssertSuccess);
        for (var t = 0; t < 2; t++)
        {
            Assert.Equal(1, results.Count(r => !r.Results[t].IsDuplicate));
        }

        await AssertRowAsync(Lists, "l1", ("name", "after"));
        Assert.Equal(1, await CountAsync(Todos));
        Assert.Equal(3L, (await backend.PositionAsync()).LastTransactionId);
    }

    [Fact]
    public async Task Concurrent_uploads_of_successive_transactions_from_one_client_end_in_queue_order()
    {
        var backend = Start();

        // A client re-sending its queue while an earlier request is still running: prefixes of one queue.
        var queue = Enumerable.Range(1, 6).Select(i => Tx(i, Put(Lists, "l1", ("name", $"v{i}")))).ToArray();
        var results = await ConcurrentlyAsync(6, n => backend.UploadAsync(queue[..(n + 1)]));

        Assert.All(results, AssertSuccess);
        Assert.Equal(6, results.Sum(r => r.Results.Count(t => !t.IsDuplicate)));
        await AssertRowAsync(Lists, "l1", ("name", "v6"));
    }

    [Fact]
    public async Task The_same_client_id_of_two_users_keeps_two_ledgers()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(new CrudUpload("alice", "shared", [Tx(1, Put(Lists, "a", ("name", "alice")))])));
        var bob = await backend.UploadAsync(new CrudUpload("bob", "shared", [Tx(1, Put(Lists, "b", ("name", "bob")))]));

        Assert.False(Assert.Single(bob.Results).IsDuplicate);
        Assert.Equal(2, await CountAsync(Lists));
    }

    [Fact]
    public async Task Uploads_without_a_client_id_are_applied_every_time()
    {
        var backend = Start();
        var upload = Upload(null, Tx(1, Put(Lists, "l1", ("name", "a"))));
        AssertSuccess(await backend.UploadAsync(upload));
        AssertSuccess(await backend.UploadAsync(Upload(null, Tx(2, Patch(Lists, "l1", ("name", "b"))))));

        var again = await backend.UploadAsync(upload);

        Assert.Equal(TransactionStatus.Success, Assert.Single(again.Results).Status);
        Assert.False(again.Results[0].IsDuplicate);
        await AssertRowAsync(Lists, "l1", ("name", "a"));
    }
}

using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

public sealed class LedgerTests
{
    [Fact]
    public async Task The_same_upload_sent_twice_is_all_duplicates_the_second_time_and_applied_once()
    {
        await using var pipeline = PipelineFixture.Create();
        var upload = Upload(Tx(1, Put("a", ("title", "x"))), Tx(2, Patch("a", ("title", "y"))), Tx(3, Put("b")));

        await pipeline.ProcessAsync(upload);
        var second = await pipeline.ProcessAsync(upload);

        Assert.All(second.Results, r => Assert.True(r.IsDuplicate));
        Assert.Equal(3, pipeline.Store.Applied.Count);
        Assert.Equal(new LedgerPosition(3, null), pipeline.Store.PositionOf(new ClientKey(User, Client)));
    }

    [Fact]
    public async Task An_old_transaction_resent_after_newer_ones_changes_nothing()
    {
        await using var pipeline = PipelineFixture.Create();
        var first = Tx(1, Put("a", ("title", "old")));
        await pipeline.ProcessAsync(Upload(first, Tx(2, Patch("a", ("title", "new")))));

        var result = await pipeline.ProcessAsync(Upload(first));

        Assert.True(Assert.Single(result.Results).IsDuplicate);
        Assert.Equal(Data(("title", "new")), pipeline.Store.Row(Todos, "a"));
        Assert.Equal(2, pipeline.Store.Applied.Count);
    }

    [Fact]
    public async Task Without_transaction_ids_a_resent_batch_overlapping_an_applied_prefix_applies_only_the_new_entries()
    {
        await using var pipeline = PipelineFixture.Create();
        CrudEntry[] batch = [Put("a", ("n", 1)) with { OperationId = 1 }, Put("b", ("n", 2)) with { OperationId = 2 }, Patch("a", ("n", 3)) with { OperationId = 3 }];
        await pipeline.ProcessAsync(Upload(Tx(null, batch[0], batch[1])));
        pipeline.Store.Seed(Todos, "a", Data(("n", 10)));

        var result = await pipeline.ProcessAsync(Upload(Tx(null, [.. batch])));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.False(result.Results[0].IsDuplicate);
        // Only op 3 ran: a PUT of op 1 again would have reset "a" to 1 before the patch.
        Assert.Equal([3L], pipeline.Store.Applied[^1].Transaction.Entries.Select(e => e.OperationId!.Value));
        Assert.Equal(Data(("n", 3)), pipeline.Store.Row(Todos, "a"));
        Assert.Equal(new LedgerPosition(null, 3), pipeline.Store.PositionOf(new ClientKey(User, Client)));
    }

    [Fact]
    public async Task Without_transaction_ids_a_failure_in_the_new_part_reports_its_index_in_the_resent_batch()
    {
        await using var pipeline = PipelineFixture.Create();
        CrudEntry[] batch = [Put("a") with { OperationId = 1 }, Put("b") with { OperationId = 2 }, Put("c") with { OperationId = 3 }, Put("d") with { OperationId = 4 }];
        await pipeline.ProcessAsync(Upload(Tx(null, batch[0], batch[1])));
        pipeline.Store.Reject(ErrorCodes.CheckViolation, atEntry: 1);

        var result = await pipeline.ProcessAsync(Upload(Tx(null, [.. batch])));

        // The applier saw [c, d] and failed at its entry 1, which is d: index 3 of what the client sent.
        Assert.Equal(3, Assert.Single(result.Results).FailedOperation!.OperationIndex);
        var letter = Assert.Single(pipeline.Store.DeadLetters);
        Assert.Equal(3, letter.Error.OperationIndex);
        Assert.Equal(4, letter.Transaction.Entries.Count);
        Assert.Equal(new LedgerPosition(null, 4), pipeline.Store.PositionOf(new ClientKey(User, Client)));
    }

    [Fact]
    public async Task Without_transaction_ids_hooks_see_only_the_new_entries_at_their_indexes_in_the_resent_batch()
    {
        var seen = new List<int>();
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.Validate(c =>
        {
            seen.Add(c.Index);
            return c.Entry.Id == "d" ? EntryVerdict.Invalid("no d") : EntryVerdict.Accept;
        })));
        CrudEntry[] batch = [Put("a") with { OperationId = 1 }, Put("b") with { OperationId = 2 }, Put("c") with { OperationId = 3 }, Put("d") with { OperationId = 4 }];
        await pipeline.ProcessAsync(Upload(Tx(null, batch[0], batch[1])));
        seen.Clear();

        var result = await pipeline.ProcessAsync(Upload(Tx(null, [.. batch])));

        Assert.Equal([2, 3], seen);
        Assert.Equal(3, Assert.Single(result.Results).FailedOperation!.OperationIndex);
    }

    [Fact]
    public async Task A_client_transaction_split_across_two_batches_applies_its_second_part()
    {
        // getCrudBatch cuts by entry count, so the tail of transaction 7 can arrive in the next batch.
        await using var pipeline = PipelineFixture.Create();
        CrudEntry[] transaction = [Put("a") with { OperationId = 10, TransactionId = 7 }, Put("b") with { OperationId = 11, TransactionId = 7 }, Put("c") with { OperationId = 12, TransactionId = 7 }];
        await pipeline.ProcessAsync(Upload(Tx(7, transaction[0], transaction[1])));

        var second = await pipeline.ProcessAsync(Upload(Tx(7, transaction[2]), Tx(8, Put("d") with { OperationId = 13, TransactionId = 8 })));
        var resent = await pipeline.ProcessAsync(Upload(Tx(7, transaction[2])));

        Assert.All(second.Results, r => Assert.False(r.IsDuplicate));
        Assert.True(Assert.Single(resent.Results).IsDuplicate);
        Assert.Equal(["a", "b", "c", "d"], pipeline.Store.Rows(Todos).Keys.Order());
        Assert.Equal(new LedgerPosition(8, 13), pipeline.Store.PositionOf(new ClientKey(User, Client)));
    }

    [Fact]
    public async Task The_same_transaction_id_without_queue_ids_is_taken_as_applied()
    {
        await using var pipeline = PipelineFixture.Create();
        await pipeline.ProcessAsync(Upload(Tx(7, Put("a"))));

        var resent = await pipeline.ProcessAsync(Upload(Tx(7, Put("a"))));

        Assert.True(Assert.Single(resent.Results).IsDuplicate);
        Assert.Single(pipeline.Store.Applied);
    }

    [Fact]
    public async Task An_upload_without_client_id_is_not_deduplicated_and_is_applied_each_time()
    {
        await using var pipeline = PipelineFixture.Create();
        var upload = UploadFrom(null, Tx(1, Put("a", ("title", "x"))));

        var first = await pipeline.ProcessAsync(upload);
        var second = await pipeline.ProcessAsync(upload);

        Assert.False(Assert.Single(first.Results).IsDuplicate);
        Assert.False(Assert.Single(second.Results).IsDuplicate);
        Assert.Equal(2, pipeline.Store.Applied.Count);
        Assert.All(pipeline.Store.Applied, a => Assert.Null(a.ClientId));
    }

    [Fact]
    public async Task Ledgers_are_per_client_so_a_new_client_database_restarting_ids_is_applied()
    {
        await using var pipeline = PipelineFixture.Create();
        await pipeline.ProcessAsync(UploadFrom("old-client", Tx(1, Put("a", ("title", "old")))));

        var result = await pipeline.ProcessAsync(UploadFrom("new-client", Tx(1, Put("a", ("title", "new")))));

        Assert.False(Assert.Single(result.Results).IsDuplicate);
        Assert.Equal(Data(("title", "new")), pipeline.Store.Row(Todos, "a"));
    }

    [Fact]
    public async Task Ledgers_are_per_user_for_the_same_client_id()
    {
        await using var pipeline = PipelineFixture.Create();
        await pipeline.ProcessAsync(new(User, Client, [Tx(1, Put("a"))]));

        var result = await pipeline.ProcessAsync(new("user-2", Client, [Tx(1, Put("b"))]));

        Assert.False(Assert.Single(result.Results).IsDuplicate);
        Assert.NotNull(pipeline.Store.Row(Todos, "b"));
    }

    [Fact]
    public async Task Concurrent_identical_uploads_from_one_client_apply_the_transaction_exactly_once()
    {
        // Hold every request in authorization until all have read the ledger, so that all race to apply.
        const int requests = 10;
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.Authorize(async (c, ct) =>
        {
            if (c.Transaction.TransactionId == 1 && c.Index == 0 && Interlocked.Increment(ref arrived) == requests)
            {
                allArrived.SetResult();
            }

            await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return EntryVerdict.Accept;
        })));
        var upload = Upload(Tx(1, Put("a", ("title", "x"))), Tx(2, Patch("a", ("title", "y"))));

        var results = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => Task.Run(() => pipeline.ProcessAsync(upload))));

        Assert.All(results, r => Assert.True(r.AllSucceeded));
        Assert.Equal(2, pipeline.Store.Applied.Count);
        Assert.Equal(Data(("title", "y")), pipeline.Store.Row(Todos, "a"));
        // Every transaction was applied by exactly one request; the others learnt it was a duplicate.
        for (var i = 0; i < 2; i++)
        {
            Assert.Single(results, r => !r.Results[i].IsDuplicate);
        }
    }

    [Fact]
    public async Task A_rejected_transaction_resent_is_skipped_and_not_dead_lettered_twice()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.Reject(ErrorCodes.UniqueViolation));
        var upload = Upload(Tx(1, Put("a")));

        var first = await pipeline.ProcessAsync(upload);
        var second = await pipeline.ProcessAsync(upload);

        Assert.Equal(TransactionStatus.FatalError, Assert.Single(first.Results).Status);
        Assert.True(Assert.Single(second.Results).IsDuplicate);
        Assert.Single(pipeline.Store.DeadLetters);
        Assert.Empty(pipeline.Store.Applied);
        Assert.Equal(new LedgerPosition(1, null), pipeline.Store.PositionOf(new ClientKey(User, Client)));
    }

    [Fact]
    public async Task A_user_without_id_shares_the_anonymous_ledger_key()
    {
        await using var pipeline = PipelineFixture.Create();

        await pipeline.ProcessAsync(new(null, Client, [Tx(4, Put("a"))]));

        Assert.Equal(new LedgerPosition(4, null), pipeline.Store.PositionOf(new ClientKey(string.Empty, Client)));
    }
}

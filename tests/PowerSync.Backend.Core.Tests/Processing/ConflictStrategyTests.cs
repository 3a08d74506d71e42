using PowerSync.Backend.Core.Conflicts;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

public sealed class ConflictStrategyTests
{
    [Fact]
    public async Task Last_write_wins_by_default_applies_blindly()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.Seed(Todos, "a", Data(("title", "server"), ("version", 9))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "client"), ("version", 1)) with { Previous = Data(("title", "stale")) })));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(Data(("title", "client"), ("version", 1)), pipeline.Store.Row(Todos, "a"));
    }

    [Fact]
    public async Task Previous_values_that_differ_from_the_stored_row_reject_the_transaction_as_a_CONFLICT_and_dead_letter_it()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.RejectWhenPreviousValuesDiffer()),
            s => s.Seed(Todos, "a", Data(("title", "server"))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("b"), Patch("a", ("title", "client")) with { Previous = Data(("title", "seen")) })));

        var failed = Assert.Single(result.Results);
        Assert.Equal(TransactionStatus.FatalError, failed.Status);
        Assert.Equal(ErrorCodes.Conflict, failed.FailedOperation!.ErrorCode);
        Assert.Equal(1, failed.FailedOperation.OperationIndex);
        Assert.Contains("title", failed.FailedOperation.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.Conflict, Assert.Single(pipeline.Store.DeadLetters).Error.ErrorCode);
        Assert.Equal(Data(("title", "server")), pipeline.Store.Row(Todos, "a"));
        Assert.Null(pipeline.Store.Row(Todos, "b"));
    }

    [Fact]
    public async Task Previous_values_that_match_the_stored_row_are_applied_comparing_loosely_like_SQLite()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.RejectWhenPreviousValuesDiffer()),
            s => s.Seed(Todos, "a", Data(("title", "server"), ("done", 1))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "client"), ("done", 0)) with { Previous = Data(("title", "server"), ("done", "1")) })));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(Data(("title", "client"), ("done", 0)), pipeline.Store.Row(Todos, "a"));
    }

    [Fact]
    public async Task A_patch_compares_only_the_columns_it_changes_by_default()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.RejectWhenPreviousValuesDiffer()),
            s => s.Seed(Todos, "a", Data(("title", "server"), ("done", 1))));

        // Someone else changed "done"; this client changes only "title", which it saw as stored.
        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "client")) with { Previous = Data(("title", "server"), ("done", 0)) })));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(Data(("title", "client"), ("done", 1)), pipeline.Store.Row(Todos, "a"));
    }

    [Fact]
    public async Task CompareAllColumns_makes_a_patch_conflict_on_any_changed_column()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.ResolveConflicts(new PreviousValuesConflictHook { CompareAllColumns = true })),
            s => s.Seed(Todos, "a", Data(("title", "server"), ("done", 1))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "client")) with { Previous = Data(("title", "server"), ("done", 0)) })));

        Assert.Equal(ErrorCodes.Conflict, Assert.Single(result.Results).FailedOperation!.ErrorCode);
    }

    [Fact]
    public async Task A_patch_of_a_row_deleted_meanwhile_conflicts_but_deleting_it_again_does_not()
    {
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.RejectWhenPreviousValuesDiffer()));

        var patch = await pipeline.ProcessAsync(Upload(Tx(1, Patch("gone", ("title", "x")) with { Previous = Data(("title", "y")) })));
        var delete = await pipeline.ProcessAsync(Upload(Tx(2, Delete("gone") with { Previous = Data(("title", "y")) })));

        Assert.Equal(ErrorCodes.Conflict, Assert.Single(patch.Results).FailedOperation!.ErrorCode);
        Assert.Equal(TransactionStatus.Success, Assert.Single(delete.Results).Status);
    }

    [Fact]
    public async Task A_delete_whose_previous_values_are_stale_conflicts()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.RejectWhenPreviousValuesDiffer()),
            s => s.Seed(Todos, "a", Data(("title", "server"))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Delete("a") with { Previous = Data(("title", "seen")) })));

        Assert.Equal(ErrorCodes.Conflict, Assert.Single(result.Results).FailedOperation!.ErrorCode);
        Assert.NotNull(pipeline.Store.Row(Todos, "a"));
    }

    [Fact]
    public async Task Skip_keeps_the_stored_row_drops_the_entry_and_the_transaction_succeeds()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.RejectWhenPreviousValuesDiffer(ConflictAction.Skip)),
            s => s.Seed(Todos, "a", Data(("title", "server"))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "client")) with { Previous = Data(("title", "seen")) }, Put("b"))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(Data(("title", "server")), pipeline.Store.Row(Todos, "a"));
        Assert.NotNull(pipeline.Store.Row(Todos, "b"));
        Assert.Equal(["b"], Assert.Single(pipeline.Store.Applied).Transaction.Entries.Select(e => e.Id));
        Assert.Empty(pipeline.Store.DeadLetters);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(5, false)]
    [InlineData(4, false)]
    public async Task A_version_column_applies_only_a_higher_version(int version, bool applied)
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.UseVersionColumn("version")),
            s => s.Seed(Todos, "a", Data(("title", "server"), ("version", 5))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "client"), ("version", version)))));

        Assert.Equal(applied ? TransactionStatus.Success : TransactionStatus.FatalError, Assert.Single(result.Results).Status);
        Assert.Equal(applied ? "client" : "server", pipeline.Store.Row(Todos, "a")!["title"].AsText());
        if (!applied)
        {
            Assert.Equal(ErrorCodes.Conflict, result.Results[0].FailedOperation!.ErrorCode);
        }
    }

    [Fact]
    public async Task A_version_column_rejects_a_write_without_a_version()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.UseVersionColumn("version")),
            s => s.Seed(Todos, "a", Data(("title", "server"), ("version", 5))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "client")))));

        Assert.Equal(ErrorCodes.Conflict, Assert.Single(result.Results).FailedOperation!.ErrorCode);
        Assert.Equal("server", pipeline.Store.Row(Todos, "a")!["title"].AsText());
    }

    [Fact]
    public async Task A_version_column_lets_a_new_row_in_and_compares_numeric_text()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.UseVersionColumn("version")),
            s => s.Seed(Todos, "a", Data(("version", 5))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("new", ("version", 1)), Patch("a", ("version", "10")))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(Data(("version", "10")), pipeline.Store.Row(Todos, "a"));
    }

    [Theory]
    [InlineData("2025-03-01T10:00:01Z", true)]
    [InlineData("2025-03-01T10:00:00Z", true)]
    [InlineData("2025-03-01T09:59:59Z", false)]
    [InlineData("2025-03-01T11:00:00+02:00", false)]
    public async Task A_timestamp_column_applies_a_write_no_older_than_the_stored_one(string updatedAt, bool applied)
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.UseTimestampColumn("updated_at")),
            s => s.Seed(Todos, "a", Data(("title", "server"), ("updated_at", "2025-03-01T10:00:00Z"))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "client"), ("updated_at", updatedAt)))));

        Assert.Equal(applied ? TransactionStatus.Success : TransactionStatus.FatalError, Assert.Single(result.Results).Status);
        Assert.Equal(applied ? "client" : "server", pipeline.Store.Row(Todos, "a")!["title"].AsText());
    }

    [Fact]
    public async Task A_later_entry_for_the_same_row_sees_the_row_as_the_earlier_entry_left_it()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.RejectWhenPreviousValuesDiffer()),
            s => s.Seed(Todos, "a", Data(("title", "v1"))));

        var result = await pipeline.ProcessAsync(Upload(Tx(
            1,
            Patch("a", ("title", "v2")) with { Previous = Data(("title", "v1")) },
            Patch("a", ("title", "v3")) with { Previous = Data(("title", "v2")) })));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(Data(("title", "v3")), pipeline.Store.Row(Todos, "a"));
    }

    [Fact]
    public async Task A_later_entry_that_repeats_the_version_of_an_earlier_one_in_the_same_transaction_is_rejected_at_its_index()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.UseVersionColumn("version")),
            s => s.Seed(Todos, "a", Data(("version", 1))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("version", 2)), Put("b"), Patch("a", ("version", 2)))));

        Assert.Equal(2, Assert.Single(result.Results).FailedOperation!.OperationIndex);
        Assert.Equal(Data(("version", 1)), pipeline.Store.Row(Todos, "a"));
    }

    [Fact]
    public async Task A_row_inserted_earlier_in_the_transaction_is_seen_by_a_later_check()
    {
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.RejectWhenPreviousValuesDiffer()));

        var result = await pipeline.ProcessAsync(Upload(Tx(
            1,
            Put("a", ("title", "new")),
            Patch("a", ("title", "edited")) with { Previous = Data(("title", "new")) })));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(Data(("title", "edited")), pipeline.Store.Row(Todos, "a"));
    }

    [Fact]
    public async Task A_conflict_rejection_reports_the_index_in_the_transaction_the_client_sent()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.Map(c => c.Entry.Id == "dropped" ? null : c.Entry).UseVersionColumn("version")),
            s => s.Seed(Todos, "a", Data(("version", 5))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("dropped"), Put("b", ("version", 1)), Patch("a", ("version", 3)))));

        Assert.Equal(2, Assert.Single(result.Results).FailedOperation!.OperationIndex);
        Assert.Equal(2, Assert.Single(pipeline.Store.DeadLetters).Error.OperationIndex);
    }

    [Fact]
    public async Task Conflict_checks_apply_only_to_their_table()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.UseVersionColumn("version")),
            s => s.Seed("lists", "l", Data(("version", 5))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, PutIn("lists", "l", ("version", 1)))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(Data(("version", 1)), pipeline.Store.Row("lists", "l"));
    }

    [Fact]
    public async Task A_conflict_hook_may_apply_a_merged_entry_instead()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.ResolveConflicts(new MergingHook())),
            s => s.Seed(Todos, "a", Data(("tags", "x"))));

        await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("tags", "y")))));

        Assert.Equal(Data(("tags", "x,y")), pipeline.Store.Row(Todos, "a"));
    }

    private sealed class MergingHook : IConflictHook
    {
        public bool NeedsStoredRow(CrudEntry entry, string clientTable) => true;

        public ValueTask<ConflictResolution> ResolveAsync(ConflictContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(context.StoredRow is { } stored && stored.TryGetValue("tags", out var tags)
                ? ConflictResolution.ApplyInstead(context.Entry with { Data = context.Entry.Data.With("tags", CrudValue.FromText($"{tags.AsText()},{context.Entry.Data["tags"].AsText()}")) })
                : ConflictResolution.Apply);
    }
}

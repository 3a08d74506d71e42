using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

public sealed class HookOrderTests
{
    [Fact]
    public async Task Each_stage_runs_over_every_entry_before_the_next_with_global_hooks_before_table_hooks()
    {
        var calls = new CallLog();
        await using var pipeline = PipelineFixture.Create(
            b => b
                .AddAuthorizationHook<RecordingAuthorizationHook>()
                .AddMappingHook<RecordingMappingHook>()
                .AddValidationHook<RecordingValidationHook>()
                .AddConflictHook<RecordingConflictHook>()
                .Table(Todos, t => t
                    .Authorize((c, _) => Record(calls, c, "auth:table", EntryVerdict.Accept))
                    .Map((c, _) => Record(calls, c, "map:table", (CrudEntry?)c.Entry))
                    .Validate((c, _) => Record(calls, c, "validate:table", EntryVerdict.Accept))
                    .ResolveConflicts(new RecordingConflictHook(calls, "conflict:table"))),
            calls: calls);

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a", ("title", "x")), Patch("a", ("title", "y")))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(
            [
                "auth:global:0", "auth:table:0", "auth:global:1", "auth:table:1",
                "map:global:0", "map:table:0", "map:global:1", "map:table:1",
                "validate:global:0", "validate:table:0", "validate:global:1", "validate:table:1",
                "conflict:global:0", "conflict:table:0", "conflict:global:1", "conflict:table:1",
            ],
            pipeline.Calls.Calls);
        Assert.Equal(Data(("title", "y")), pipeline.Store.Row(Todos, "a"));
    }

    [Fact]
    public async Task An_unauthorized_entry_stops_the_transaction_before_any_mapping_hook_runs()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b
                .AddAuthorizationHook<RecordingAuthorizationHook>()
                .AddMappingHook<RecordingMappingHook>()
                .Table(Todos, t => t.Authorize(c => c.Entry.Id != "e2", "not yours")),
            s => s.Seed(Todos, "e0", Data(("title", "stored"))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Puts(4))));

        var failed = Assert.Single(result.Results);
        Assert.Equal(TransactionStatus.FatalError, failed.Status);
        Assert.Equal(ErrorCodes.Unauthorized, failed.FailedOperation!.ErrorCode);
        Assert.Equal("not yours", failed.FailedOperation.Message);
        Assert.Equal(2, failed.FailedOperation.OperationIndex);
        Assert.Equal(["auth:global:0", "auth:global:1", "auth:global:2"], pipeline.Calls.Calls);
        Assert.Empty(pipeline.Store.Applied);
        Assert.Equal(0, pipeline.Store.Attempts);
        Assert.Equal(Data(("title", "stored")), Assert.Single(pipeline.Store.Rows(Todos)).Value);
    }

    [Fact]
    public async Task Hooks_before_the_applier_run_once_while_conflict_hooks_run_on_every_attempt()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b
                .AddAuthorizationHook<RecordingAuthorizationHook>()
                .AddValidationHook<RecordingValidationHook>()
                .AddConflictHook<RecordingConflictHook>(),
            s => s.FailTransiently(times: 1));

        await pipeline.ProcessAsync(Upload(Tx(1, Puts(1))));

        Assert.Equal(["auth:global:0", "validate:global:0", "conflict:global:0", "conflict:global:0"], pipeline.Calls.Calls);
    }

    [Fact]
    public async Task A_validation_refusal_reports_VALIDATION_FAILED_at_its_entry_and_applies_nothing()
    {
        await using var pipeline = PipelineFixture.Create(b => b
            .Table(Todos, t => t.Validate(c => c.Entry.Id == "e1" ? EntryVerdict.Invalid("title too long") : EntryVerdict.Accept)));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Puts(3))));

        var failed = Assert.Single(result.Results).FailedOperation!;
        Assert.Equal(ErrorCodes.ValidationFailed, failed.ErrorCode);
        Assert.Equal("title too long", failed.Message);
        Assert.Equal(1, failed.OperationIndex);
        Assert.Empty(pipeline.Store.Rows(Todos));
    }

    [Fact]
    public async Task A_validation_refusal_keeps_the_verdicts_own_code()
    {
        await using var pipeline = PipelineFixture.Create(b => b
            .Table(Todos, t => t.Validate(c => EntryVerdict.Reject("TITLE_TOO_LONG", "too long"))));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Puts(1))));

        var failed = Assert.Single(result.Results).FailedOperation!;
        Assert.Equal("TITLE_TOO_LONG", failed.ErrorCode);
        Assert.Equal(0, failed.OperationIndex);
    }

    [Fact]
    public async Task A_mapping_hook_returning_null_drops_the_entry_and_later_failures_keep_original_indexes()
    {
        await using var pipeline = PipelineFixture.Create(b => b
            .AddValidationHook<RecordingValidationHook>()
            .Table(Todos, t => t
                .Map(c => c.Entry.Id == "e1" ? null : c.Entry)
                .Validate(c => c.Entry.Id == "e3" ? EntryVerdict.Invalid("bad") : EntryVerdict.Accept)));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Puts(4))));

        Assert.Equal(3, Assert.Single(result.Results).FailedOperation!.OperationIndex);
        // The dropped entry is never validated; the others are, with their original indexes.
        Assert.Equal(["validate:global:0", "validate:global:2", "validate:global:3"], pipeline.Calls.Calls);
    }

    [Fact]
    public async Task A_dropped_entry_is_not_applied_and_an_applier_failure_after_it_reports_the_original_index()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.Map(c => c.Entry.Id == "e1" ? null : c.Entry)),
            store => store.Reject(ErrorCodes.UniqueViolation, atEntry: 2));

        var rejected = await pipeline.ProcessAsync(Upload(Tx(1, Puts(4))));
        var applied = await pipeline.ProcessAsync(Upload(Tx(2, Puts(3))));

        // Entry 2 of the applied transaction is e3: e1 was dropped.
        Assert.Equal(3, Assert.Single(rejected.Results).FailedOperation!.OperationIndex);
        Assert.Equal(TransactionStatus.Success, Assert.Single(applied.Results).Status);
        Assert.Equal(["e0", "e2"], pipeline.Store.Rows(Todos).Keys.Order());
        Assert.Equal(["e0", "e2"], Assert.Single(pipeline.Store.Applied).Transaction.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task A_hook_throwing_CrudRejectedException_gives_a_fatal_error_with_its_code_at_the_entry_it_was_checking()
    {
        await using var pipeline = PipelineFixture.Create(b => b
            .Table(Todos, t => t.Authorize(c => c.Entry.Id == "e1" ? throw new CrudRejectedException("QUOTA_EXCEEDED", "too many todos") : true)));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Puts(3))));

        var failed = Assert.Single(result.Results);
        Assert.Equal(TransactionStatus.FatalError, failed.Status);
        Assert.Equal("QUOTA_EXCEEDED", failed.FailedOperation!.ErrorCode);
        Assert.Equal("too many todos", failed.FailedOperation.Message);
        Assert.Equal(1, failed.FailedOperation.OperationIndex);
        Assert.Equal("QUOTA_EXCEEDED", Assert.Single(pipeline.Store.DeadLetters).Error.ErrorCode);
        Assert.Empty(pipeline.Store.Rows(Todos));
    }

    [Fact]
    public async Task A_CrudRejectedException_with_its_own_index_keeps_that_index()
    {
        await using var pipeline = PipelineFixture.Create(b => b
            .Table(Todos, t => t.Map(c => c.Index == 2 ? throw new CrudRejectedException("BAD_MAPPING", "no", operationIndex: 0) : c.Entry)));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Puts(3))));

        Assert.Equal(0, Assert.Single(result.Results).FailedOperation!.OperationIndex);
    }

    [Fact]
    public async Task A_hook_throwing_InvalidOperationException_propagates_out_of_ProcessAsync_and_nothing_is_recorded()
    {
        await using var pipeline = PipelineFixture.Create(b => b
            .Table(Todos, t => t.Validate(EntryVerdict (_) => throw new InvalidOperationException("hook bug"))));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.ProcessAsync(Upload(Tx(1, Puts(2)))));

        Assert.Equal("hook bug", thrown.Message);
        Assert.Empty(pipeline.Store.Applied);
        Assert.Empty(pipeline.Store.DeadLetters);
        Assert.Equal(default, pipeline.Store.PositionOf(new(User, Client)));
    }

    [Fact]
    public async Task Hooks_see_the_original_entry_for_authorization_and_the_mapped_entry_for_validation()
    {
        var seen = new List<string>();
        await using var pipeline = PipelineFixture.Create(b => b
            .Table(Todos, t => t
                .Authorize(c =>
                {
                    seen.Add($"auth {c.Entry.Table} {c.ClientTable} {c.UserId} {c.ClientId} {c.Transaction.TransactionId}");
                    return true;
                })
                .ToTable("tasks")
                .Validate(c =>
                {
                    seen.Add($"validate {c.Entry.Table} {c.ClientTable}");
                    return EntryVerdict.Accept;
                })));

        await pipeline.ProcessAsync(Upload(Tx(7, Puts(1))));

        Assert.Equal([$"auth todos todos {User} {Client} 7", "validate tasks todos"], seen);
        Assert.NotNull(pipeline.Store.Row("tasks", "e0"));
    }

    private static ValueTask<T> Record<T>(CallLog calls, EntryContext context, string stage, T result)
    {
        calls.Add($"{stage}:{context.Index}");
        return ValueTask.FromResult(result);
    }
}

using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

public sealed class DeadLetterTests
{
    [Fact]
    public async Task A_rejected_transaction_is_recorded_whole_as_the_client_sent_it_with_who_why_where_and_when()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.ToTable("tasks").RenameColumn("title", "name")),
            s => s.Reject(ErrorCodes.UniqueViolation, atEntry: 1));
        var transaction = Tx(5, Put("a", ("title", "x")), Put("b", ("title", "y")) with { OperationId = 9, Metadata = "m" }, Delete("c"));

        await pipeline.ProcessAsync(Upload(transaction));

        var letter = Assert.Single(pipeline.Store.DeadLetters);
        Assert.Equal(User, letter.UserId);
        Assert.Equal(Client, letter.ClientId);
        Assert.Equal(new ClientKey(User, Client), letter.Client);
        // Pre-mapping: the client's table and column names, every entry including those after the failure.
        Assert.Same(transaction, letter.Transaction);
        Assert.Equal(Todos, letter.Transaction.Entries[1].Table);
        Assert.True(letter.Transaction.Entries[1].Data.ContainsKey("title"));
        Assert.Equal(ErrorCodes.UniqueViolation, letter.Error.ErrorCode);
        Assert.Equal("the write violates a unique constraint", letter.Error.Message);
        Assert.Equal(1, letter.Error.OperationIndex);
        Assert.Equal(pipeline.Clock.GetUtcNow(), letter.OccurredAt);
    }

    [Fact]
    public async Task The_dead_letter_time_is_the_clock_time_after_retries()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o => o.Retry.MaxRetries = 1),
            s => s.FailTransiently(times: 1).Reject(ErrorCodes.CheckViolation));
        var start = pipeline.Clock.GetUtcNow();

        await pipeline.ProcessAsync(Upload(Tx(1, Put("a"))));

        var letter = Assert.Single(pipeline.Store.DeadLetters);
        Assert.Equal(start + Assert.Single(pipeline.Clock.Delays), letter.OccurredAt);
        Assert.Equal(ErrorCodes.CheckViolation, letter.Error.ErrorCode);
    }

    [Fact]
    public async Task A_hook_refusal_is_dead_lettered_with_its_message_and_details()
    {
        var details = System.Text.Json.JsonDocument.Parse("""{"limit":3}""").RootElement;
        await using var pipeline = PipelineFixture.Create(b => b
            .Table(Todos, t => t.Validate(c => c.Index == 1 ? EntryVerdict.Reject("TOO_MANY", "three at most") with { Details = details } : EntryVerdict.Accept)));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"), Put("b"))));

        var letter = Assert.Single(pipeline.Store.DeadLetters);
        Assert.Equal("TOO_MANY", letter.Error.ErrorCode);
        Assert.Equal("three at most", letter.Error.Message);
        Assert.Equal(1, letter.Error.OperationIndex);
        Assert.Equal(3, letter.Error.Details!.Value.GetProperty("limit").GetInt32());
        Assert.Equal(letter.Error, result.Results[0].FailedOperation);
    }

    [Fact]
    public async Task An_upload_without_client_id_is_dead_lettered_without_a_ledger_key()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.Reject(ErrorCodes.InvalidData));

        await pipeline.ProcessAsync(UploadFrom(null, Tx(1, Put("a"))));

        var letter = Assert.Single(pipeline.Store.DeadLetters);
        Assert.Null(letter.ClientId);
        Assert.Null(letter.Client);
        Assert.Equal(User, letter.UserId);
    }

    [Fact]
    public async Task A_schema_refusal_from_the_applier_is_dead_lettered_without_the_drivers_text()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.DeclareTable("tasks"));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"))));

        // The store's exception names the table; what the client and the dead letter get does not.
        var failed = Assert.Single(result.Results).FailedOperation!;
        Assert.Equal(ErrorCodes.SchemaMismatch, failed.ErrorCode);
        Assert.DoesNotContain(Todos, failed.Message, StringComparison.Ordinal);
        Assert.Equal(failed, Assert.Single(pipeline.Store.DeadLetters).Error);
    }

    [Fact]
    public async Task An_exception_no_classifier_recognises_inside_the_applier_is_dead_lettered_as_UNCLASSIFIED_ERROR()
    {
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.ResolveConflicts(new ThrowingConflictHook())));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"))));

        var failed = Assert.Single(result.Results).FailedOperation!;
        Assert.Equal(ErrorCodes.UnclassifiedError, failed.ErrorCode);
        Assert.DoesNotContain("secret", failed.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.UnclassifiedError, Assert.Single(pipeline.Store.DeadLetters).Error.ErrorCode);
        Assert.Empty(pipeline.Store.Applied);
    }

    private sealed class ThrowingConflictHook : IConflictHook
    {
        public bool NeedsStoredRow(CrudEntry entry, string clientTable) => false;

        public ValueTask<ConflictResolution> ResolveAsync(ConflictContext context, CancellationToken cancellationToken) =>
            throw new FormatException("secret internals");
    }
}

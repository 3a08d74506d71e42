using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>Dead letters: what the store keeps of a rejected transaction, and which index it names.</summary>
public abstract class DeadLetterConformance : ConformanceSuite
{
    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected DeadLetterConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task A_rejected_transaction_is_kept_whole_with_user_client_code_and_index()
    {
        var backend = Start();

        AssertRefused(await backend.UploadAsync(new CrudUpload("alice", "phone", [Tx(7, Put(Lists, "l1", ("name", "n")), Put(Lists, "l2", ("nope", 1)), Delete(Lists, "l1"))])), ErrorCodes.SchemaMismatch, 1);

        Assert.Equal(new ConformanceDeadLetter("alice", "phone", 7, ErrorCodes.SchemaMismatch, 1, 3), Assert.Single(await DeadLettersAsync()));
        Assert.Equal(7L, (await backend.PositionAsync("phone", "alice")).LastTransactionId);
    }

    [Fact]
    public async Task A_rejection_without_a_client_id_is_kept_without_one()
    {
        var backend = Start();

        AssertRefused(await backend.UploadAsync(Upload(null, Tx(3, Put(Todos, "t1", ("list_id", "nowhere"))))), ErrorCodes.ForeignKeyViolation, 0);

        Assert.Equal(new ConformanceDeadLetter(User, null, 3, ErrorCodes.ForeignKeyViolation, 0, 1), Assert.Single(await DeadLettersAsync()));
    }

    [Fact]
    public async Task A_refusal_the_client_must_handle_is_not_dead_lettered_and_does_not_advance_the_ledger()
    {
        var backend = Start(pipeline: b => b.Configure(o => o.RequiresClientHandling = failed => failed.ErrorCode == ErrorCodes.ForeignKeyViolation));

        var result = await backend.UploadAsync(Tx(1, Put(Todos, "t1", ("list_id", "nowhere"))));

        Assert.True(AssertRefusedAndGet(result).RequiresClientHandling);
        Assert.Empty(await DeadLettersAsync());
        Assert.Equal(LedgerPosition.None, await backend.PositionAsync());
    }

    [Fact]
    public async Task The_index_refers_to_the_transaction_as_sent_even_when_mapping_dropped_entries()
    {
        // Mapping drops the "local-only" entries; the database refuses the last one of a set-based run.
        var backend = Start(pipeline: b => b.Table(Todos, t => t.Map(c => c.Entry.Id.StartsWith("local", StringComparison.Ordinal) ? null : c.Entry)));
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")))));

        var result = await backend.UploadAsync(Tx(
            2,
            Put(Todos, "local-1", ("list_id", "l1")),
            Put(Todos, "t1", ("list_id", "l1")),
            Put(Todos, "local-2", ("list_id", "l1")),
            Put(Todos, "t2", ("list_id", "l1")),
            Put(Todos, "t3", ("list_id", "nowhere"))));

        AssertRefused(result, ErrorCodes.ForeignKeyViolation, 4);
        Assert.Equal(5, Assert.Single(await DeadLettersAsync()).EntryCount);
        Assert.Equal(0, await CountAsync(Todos));
    }

    [Fact]
    public async Task The_index_refers_to_the_transaction_as_sent_for_a_schema_refusal_after_mapping()
    {
        var backend = Start(pipeline: b => b.Table(Lists, t => t.Map(c => c.Entry.Id == "skip" ? null : c.Entry)));

        var result = await backend.UploadAsync(Tx(1, Put(Lists, "skip", ("name", "n")), Put(Lists, "l1", ("name", "n")), Put(Lists, "l2", ("unknown", 1))));

        AssertRefused(result, ErrorCodes.SchemaMismatch, 2);
    }

    private static Core.Results.TransactionResult AssertRefusedAndGet(Core.Results.UploadResult result)
    {
        AssertRefused(result, ErrorCodes.ForeignKeyViolation, 0);
        return result.Results[0];
    }
}

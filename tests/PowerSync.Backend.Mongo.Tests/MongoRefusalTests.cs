using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Mongo.Bson;
using PowerSync.Backend.Mongo.Tests.Conformance;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>
/// The MongoDB analogues of the conformance tests that refuse through foreign keys or NOT NULL columns (see
/// <see cref="NotApplicable"/>): here the server refuses through a <c>$jsonSchema</c> validator (<c>name</c> of
/// <c>lists</c> must be a string) or a unique index. Same database and executor as the conformance suites.
/// </summary>
public sealed class MongoRefusalTests() : ConformanceSuite(new MongoConformanceDatabase())
{
    private const string Refused = ErrorCodes.DocumentValidationFailure;

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task A_validation_failure_inside_a_set_based_run_is_reported_at_its_own_index(int failing)
    {
        var backend = Start();

        var result = await backend.UploadAsync(Tx(2, Enumerable.Range(0, 5).Select(i => Put(Lists, $"l{i}", ("name", i == failing ? null : $"n{i}"))).ToArray()));

        AssertRefused(result, Refused, failing);
        Assert.Equal(0, await CountAsync(Lists));
        Assert.Equal(new ConformanceDeadLetter(User, ClientId, 2, Refused, failing, 5), Assert.Single(await DeadLettersAsync()));
    }

    [Fact]
    public async Task A_new_document_without_a_required_field_is_refused_and_nothing_is_applied()
    {
        var backend = Start();

        AssertRefused(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "ok")), Put(Lists, "l2", ("owner_id", "u1")))), Refused, 1);

        await AssertEmptyAsync();
    }

    [Fact]
    public async Task Merging_put_of_an_existing_document_keeps_its_required_field_but_a_new_one_is_refused()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", (Typed.Required, "r")))));

        AssertRefused(await backend.UploadAsync(Tx(2, Put(TypedTable, "t1", (Typed.Int, 2)), Put(TypedTable, "t2", (Typed.Int, 3)))), Refused, 1);

        await AssertRowAsync(TypedTable, "t1", (Typed.Int, null));
    }

    [Fact]
    public async Task Replacing_put_without_a_required_field_is_refused()
    {
        var backend = Start(o => o.ReplaceOnPut.Add(TypedTable));
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", (Typed.Required, "r")))));

        AssertRefused(await backend.UploadAsync(Tx(2, Put(TypedTable, "t1", (Typed.Int, 2)))), Refused, 0);

        await AssertRowAsync(TypedTable, "t1", (Typed.Required, "r"), (Typed.Int, null));
    }

    [Fact]
    public async Task Patch_setting_a_required_field_to_null_is_refused()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")))));

        AssertRefused(await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("owner_id", "u2")), Patch(Lists, "l1", ("name", null)))), Refused, 1);

        await AssertRowAsync(Lists, "l1", ("name", "n"), ("owner_id", null));
    }

    [Fact]
    public async Task Patch_that_inserts_a_missing_document_without_its_required_fields_is_refused()
    {
        var backend = Start(o => o.PatchInsertsMissingRows = true);
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")))));

        AssertRefused(await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("owner_id", "o1")), Patch(Lists, "l2", ("owner_id", "o2")))), Refused, 1);

        await AssertRowAsync(Lists, "l1", ("owner_id", null));
        await AssertNoRowAsync(Lists, "l2");
    }

    [Fact]
    public async Task A_refused_transaction_rolls_back_every_entry_of_every_collection()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "before")), Put(Todos, "t1", ("list_id", "l1"), ("description", "before")))));

        var result = await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("name", "after")), Delete(Todos, "t1"), Put(Todos, "t2", ("list_id", "l1")), Put(Lists, "l2", ("name", null))));

        AssertRefused(result, Refused, 3);
        await AssertRowAsync(Lists, "l1", ("name", "before"));
        await AssertRowAsync(Todos, "t1", ("description", "before"));
        await AssertNoRowAsync(Todos, "t2");
    }

    [Fact]
    public async Task A_refused_transaction_keeps_the_transactions_committed_before_it()
    {
        var backend = Start(pipeline: b => b.Configure(o => o.OnFatalError = FatalErrorPolicy.Stop));

        var result = await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "kept"))), Tx(2, Put(Lists, "l2", ("name", null))), Tx(3, Put(Lists, "l3", ("name", "no"))));

        Assert.Equal([TransactionStatus.Success, TransactionStatus.FatalError, TransactionStatus.NotAttempted], result.Results.Select(r => r.Status));
        await AssertRowAsync(Lists, "l1", ("name", "kept"));
        await AssertNoRowAsync(Lists, "l3");
    }

    [Fact]
    public async Task With_the_skip_policy_the_transactions_after_a_refused_one_still_apply()
    {
        var backend = Start(pipeline: b => b.Configure(o => o.OnFatalError = FatalErrorPolicy.Skip));

        var result = await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "a"))), Tx(2, Put(Lists, "l2", ("name", null))), Tx(3, Put(Lists, "l3", ("name", "c"))));

        AssertRefused(result, Refused, 0, transaction: 1);
        await AssertRowAsync(Lists, "l3", ("name", "c"));
        Assert.Equal(3L, (await backend.PositionAsync()).LastTransactionId);
    }

    [Fact]
    public async Task A_rejected_transaction_advances_the_ledger_and_is_dead_lettered_once()
    {
        var backend = Start();
        var upload = Upload(ClientId, Tx(1, Put(Lists, "l1", ("name", null))));

        AssertRefused(await backend.UploadAsync(upload), Refused, 0);
        var again = await backend.UploadAsync(upload);

        Assert.True(Assert.Single(again.Results).IsDuplicate);
        Assert.Single(await DeadLettersAsync());
        Assert.Equal(1L, (await backend.PositionAsync()).LastTransactionId);
    }

    [Fact]
    public async Task A_rejection_without_a_client_id_is_kept_without_one()
    {
        var backend = Start();

        AssertRefused(await backend.UploadAsync(Upload(null, Tx(3, Put(Lists, "l1", ("name", null))))), Refused, 0);

        Assert.Equal(new ConformanceDeadLetter(User, null, 3, Refused, 0, 1), Assert.Single(await DeadLettersAsync()));
    }

    [Fact]
    public async Task A_refusal_the_client_must_handle_is_not_dead_lettered_and_does_not_advance_the_ledger()
    {
        var backend = Start(pipeline: b => b.Configure(o => o.RequiresClientHandling = failed => failed.ErrorCode == Refused));

        var result = await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", null))));

        AssertRefused(result, Refused, 0);
        Assert.True(result.Results[0].RequiresClientHandling);
        Assert.Empty(await DeadLettersAsync());
        Assert.Equal(LedgerPosition.None, await backend.PositionAsync());
    }

    [Fact]
    public async Task The_index_refers_to_the_transaction_as_sent_even_when_mapping_dropped_entries()
    {
        var backend = Start(pipeline: b => b.Table(Lists, t => t.Map(c => c.Entry.Id.StartsWith("local", StringComparison.Ordinal) ? null : c.Entry)));

        var result = await backend.UploadAsync(Tx(2, Put(Lists, "local-1", ("name", "a")), Put(Lists, "l1", ("name", "b")), Put(Lists, "local-2", ("name", "c")), Put(Lists, "l2", ("name", "d")), Put(Lists, "l3", ("name", null))));

        AssertRefused(result, Refused, 4);
        Assert.Equal(5, Assert.Single(await DeadLettersAsync()).EntryCount);
        Assert.Equal(0, await CountAsync(Lists));
    }

    [Fact]
    public async Task A_refusal_after_skipped_entries_still_names_the_entry_as_sent()
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.UseVersionColumn("version", ConflictAction.Skip)));
        AssertSuccess(await backend.UploadAsync(Upload("writer", Tx(1, Put(Todos, "t1", ("version", 5))))));

        var result = await backend.UploadAsync(Tx(1, Patch(Todos, "t1", ("version", 4)), Put(Lists, "n1", ("name", "a")), Put(Lists, "n2", ("name", "b")), Put(Lists, "n3", ("name", null))));

        AssertRefused(result, Refused, 3);
        Assert.Equal(0, await CountAsync(Lists));
    }

    [Fact]
    public async Task A_unique_index_violation_is_refused_as_UNIQUE_VIOLATION_at_its_index()
    {
        var database = (MongoConformanceDatabase)Database;
        await database.RunAsync(
            new BsonDocument().Add("createIndexes", new BsonString(Lists)).Add("indexes", new BsonArray([
                new BsonDocument().Add("key", new BsonDocument().Add("owner_id", new BsonInt32(1))).Add("name", new BsonString("owner_id_1")).Add("unique", new BsonBoolean(true))])),
            Timeout);
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "a"), ("owner_id", "o")))));

        var result = await backend.UploadAsync(Tx(2, Put(Lists, "l2", ("name", "b"), ("owner_id", "x")), Put(Lists, "l3", ("name", "c"), ("owner_id", "o"))));

        AssertRefused(result, ErrorCodes.UniqueViolation, 1);
        Assert.Equal(1, await CountAsync(Lists));
    }
}

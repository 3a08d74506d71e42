using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>
/// Standalone servers (no transactions, <see cref="MongoBackendOptions.UseTransactions"/> off), against a standalone
/// test double: re-sends are still skipped through the ledger, but a refused transaction keeps the entries before
/// the failing one: the weaker guarantee the README documents.
/// </summary>
public sealed class MongoStandaloneTests
{
    [Fact]
    public async Task Uploads_apply_and_a_re_send_is_skipped_through_the_ledger()
    {
        await using var backend = Standalone();
        var upload = Upload(ClientId, Tx(1, Put("lists", "l1", ("name", "a"))), Tx(2, Patch("lists", "l1", ("name", "b"))));

        var first = await backend.UploadAsync(upload);
        await backend.UploadAsync(Upload("other", Tx(1, Patch("lists", "l1", ("name", "other")))));
        var again = await backend.UploadAsync(upload);

        Assert.All(first.Results, r => Assert.Equal(TransactionStatus.Success, r.Status));
        Assert.All(again.Results, r => Assert.True(r.IsDuplicate));
        Assert.Equal(["{\"_id\":\"l1\",\"name\":\"other\"}"], await backend.DocumentsAsync("lists"));
        Assert.Equal(new LedgerPosition(2, 2001), await backend.Store.GetPositionAsync(new ClientKey(User, ClientId), CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_transaction_keeps_the_entries_before_the_failing_one()
    {
        await using var backend = Standalone();
        await backend.RequireStringAsync("lists", "name");

        var result = await backend.UploadAsync(Tx(1, Put("lists", "l1", ("name", "a")), Put("lists", "l2", ("name", null)), Put("lists", "l3", ("name", "c"))));

        Assert.Equal((ErrorCodes.DocumentValidationFailure, 1), (result.Results[0].FailedOperation?.ErrorCode, result.Results[0].FailedOperation?.OperationIndex));
        Assert.Equal(["{\"_id\":\"l1\",\"name\":\"a\"}"], await backend.DocumentsAsync("lists"));
        Assert.Single(await backend.FindAsync("powersync_dead_letters"));
        Assert.Equal(1L, (await backend.Store.GetPositionAsync(new ClientKey(User, ClientId), CancellationToken.None)).LastTransactionId);
    }

    [Fact]
    public async Task An_interrupted_upload_is_applied_again_when_re_sent_because_the_ledger_moves_last()
    {
        await using var backend = Standalone();
        await backend.RunAsync("admin", new Bson.BsonDocument()
            .Add("configureFailPoint", new Bson.BsonString("failCommand"))
            .Add("mode", new Bson.BsonDocument().Add("times", new Bson.BsonInt32(1)))
            .Add("data", new Bson.BsonDocument()
                .Add("failCommands", new Bson.BsonArray([new Bson.BsonString("update")]))
                .Add("namespace", new Bson.BsonString("app.powersync_ledger"))
                .Add("errorCode", new Bson.BsonInt32(91))));

        var result = await backend.UploadAsync(Tx(1, Put("lists", "l1", ("name", "a"))));

        // The ledger update failed after the write (ShutdownInProgress, retried): the retry applies the upsert again, harmlessly.
        Assert.Equal(TransactionStatus.Success, result.Results[0].Status);
        Assert.Equal(["{\"_id\":\"l1\",\"name\":\"a\"}"], await backend.DocumentsAsync("lists"));
        Assert.Equal(2, backend.Double.Commands.Count(c => c.Name == "update" && c.CanonicalJson.StartsWith("{\"update\":\"lists\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Transactions_against_a_standalone_server_are_refused_not_silently_applied_without_them()
    {
        await using var backend = new MongoTestBackend(o => o.Collection("lists"), standalone: true);

        // The server refuses transaction numbers (IllegalOperation, unclassified so rejected), and then refuses the dead
        // letter's transaction too: the request fails and the client re-sends, nothing is applied or lost.
        var error = await Assert.ThrowsAsync<MongoCommandFailedException>(() => backend.UploadAsync(Tx(1, Put("lists", "l1", ("name", "a")))));

        Assert.Equal(20, error.Code);
        Assert.Empty(await backend.FindAsync("lists"));
    }

    private static MongoTestBackend Standalone() => new(
        o =>
        {
            o.UseTransactions = false;
            o.Collection("lists");
        },
        standalone: true);
}

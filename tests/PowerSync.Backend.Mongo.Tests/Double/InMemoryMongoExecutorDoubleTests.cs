using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Tests.Double;

/// <summary>The test double's own behaviour, the part the conformance results lean on: transactions and ordered batches.</summary>
public sealed class InMemoryMongoExecutorDoubleTests
{
    private readonly InMemoryMongoExecutorDouble _double = new();

    [Fact]
    public async Task The_second_writer_of_a_document_gets_a_transient_write_conflict_and_loses_its_transaction()
    {
        await RunAsync(Update("a", 1), Session(1, 1, start: true));

        var conflict = await RunAsync(Update("a", 2), Session(2, 1, start: true));
        var after = await RunAsync(Update("b", 2), Session(2, 1));

        Assert.Equal("{\"ok\":{\"$numberDouble\":\"0.0\"},\"errmsg\":\"Write conflict during plan execution and yielding is disabled.\",\"code\":{\"$numberInt\":\"112\"},\"codeName\":\"WriteConflict\",\"errorLabels\":[\"TransientTransactionError\"]}", conflict);
        Assert.Contains("\"codeName\":\"NoSuchTransaction\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transaction_reads_its_snapshot_and_conflicts_with_a_later_commit()
    {
        await RunAsync(Update("a", 1));
        await RunAsync(Find(), Session(1, 1, start: true));
        await RunAsync(Update("a", 2));

        var read = await RunAsync(Find(), Session(1, 1));
        var write = await RunAsync(Update("a", 3), Session(1, 1));

        Assert.Contains("\"v\":{\"$numberInt\":\"1\"}", read, StringComparison.Ordinal);
        Assert.Contains("WriteConflict", write, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ordered_batch_stops_at_the_first_write_error_and_reports_its_index()
    {
        var insert = new BsonDocument().Add("insert", new BsonString("c")).Add("documents", new BsonArray([
            new BsonDocument().Add("_id", new BsonString("x")), new BsonDocument().Add("_id", new BsonString("x")), new BsonDocument().Add("_id", new BsonString("y"))]));

        var reply = await RunAsync(insert);

        Assert.Contains("\"writeErrors\":[{\"index\":{\"$numberInt\":\"1\"},\"code\":{\"$numberInt\":\"11000\"}", reply, StringComparison.Ordinal);
        Assert.Contains("\"n\":{\"$numberInt\":\"1\"}", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standalone_double_refuses_transaction_numbers()
    {
        var standalone = new InMemoryMongoExecutorDouble(standalone: true);

        var reply = await standalone.RunCommandAsync(Command(Update("a", 1), Session(1, 1, start: true)), CancellationToken.None);

        Assert.Contains("\"codeName\":\"IllegalOperation\"", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_aborted_transaction_leaves_nothing_and_a_committed_one_everything()
    {
        await RunAsync(Update("a", 1), Session(1, 1, start: true));
        await RunAsync(new BsonDocument().Add("abortTransaction", new BsonInt32(1)), Session(1, 1), "admin");
        await RunAsync(Update("b", 2), Session(1, 2, start: true));
        await RunAsync(new BsonDocument().Add("commitTransaction", new BsonInt32(1)), Session(1, 2), "admin");

        var all = await RunAsync(Find());

        Assert.DoesNotContain("\"_id\":\"a\"", all, StringComparison.Ordinal);
        Assert.Contains("\"_id\":\"b\"", all, StringComparison.Ordinal);
    }

    private static BsonDocument Update(string id, int value) => new BsonDocument().Add("update", new BsonString("c")).Add("updates", new BsonArray([
        new BsonDocument().Add("q", new BsonDocument().Add("_id", new BsonString(id))).Add("u", new BsonDocument().Add("$set", new BsonDocument().Add("v", new BsonInt32(value)))).Add("upsert", new BsonBoolean(true))]));

    private static BsonDocument Find() => new BsonDocument().Add("find", new BsonString("c")).Add("filter", new BsonDocument());

    private static Action<BsonDocument> Session(int session, long number, bool start = false) => command =>
    {
        command.Add("lsid", new BsonDocument().Add("id", new BsonBinary(4, new Guid($"00000000-0000-4000-8000-{session:D12}").ToByteArray(bigEndian: true))));
        command.Add("txnNumber", new BsonInt64(number));
        if (start)
        {
            command.Add("startTransaction", new BsonBoolean(true));
        }

        command.Add("autocommit", new BsonBoolean(false));
    };

    private static MongoCommand Command(BsonDocument command, Action<BsonDocument>? session = null, string database = "db")
    {
        session?.Invoke(command);
        return new MongoCommand(database, command.Elements[0].Key, ExtendedJsonWriter.ToCanonical(command));
    }

    private async Task<string> RunAsync(BsonDocument command, Action<BsonDocument>? session = null, string database = "db") =>
        await _double.RunCommandAsync(Command(command, session, database), CancellationToken.None);
}

using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>Consecutive entries for one collection go out as one command with many statements, never one round trip per entry.</summary>
public sealed class MongoSetBasedTests
{
    [Fact]
    public async Task Two_hundred_puts_are_one_update_command()
    {
        await using var backend = new MongoTestBackend(o => o.Collection("lists"));
        backend.Double.ClearCommands();

        await backend.UploadAsync(Tx(1, Enumerable.Range(0, 200).Select(i => Put("lists", $"l{i}", ("name", $"n{i}"))).ToArray()));

        // Ledger read outside (the pipeline's pre-check) and inside the transaction, the guarded ledger update, the data, the commit.
        Assert.Equal(["find", "find", "update", "update", "commitTransaction"], backend.Double.Commands.Select(c => c.Name));
        Assert.Equal(200, (await backend.FindAsync("lists")).Count);
        Assert.Equal(5, backend.Store.Commands);
    }

    [Fact]
    public async Task A_transaction_costs_one_command_per_run_of_one_collection_and_kind()
    {
        await using var backend = new MongoTestBackend(o => o.Collection("lists").Collection("todos"));
        backend.Double.ClearCommands();

        await backend.UploadAsync(Tx(
            1,
            Put("lists", "l1"),
            Patch("lists", "l1", ("a", 1)),
            Put("todos", "t1"),
            Put("todos", "t2"),
            Delete("todos", "t1"),
            Delete("todos", "t2"),
            Put("lists", "l2")));

        var data = backend.Double.Commands.Skip(3).SkipLast(1).Select(c => c.CanonicalJson[..c.CanonicalJson.IndexOf(',', StringComparison.Ordinal)]);
        Assert.Equal(["{\"update\":\"lists\"", "{\"update\":\"todos\"", "{\"delete\":\"todos\"", "{\"update\":\"lists\""], data);
    }
}

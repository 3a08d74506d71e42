using PowerSync.Backend.Core.Results;
using Xunit.Abstractions;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>Many clients writing one document through the test double: write conflicts are re-run until every transaction commits.</summary>
public sealed class MongoContentionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Clients_contending_for_one_document_all_commit_and_the_last_write_wins()
    {
        await using var backend = new MongoTestBackend(o => o.Collection("counters", c => c.Field("n", MongoFieldType.Int32)));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var outcomes = new List<UploadResult>();
            for (var t = 1; t <= 5; t++)
            {
                outcomes.Add(await backend.UploadAsync(Upload($"client-{c}", Tx(t, Put("counters", "shared", ("n", (c * 10) + t)), Put("counters", $"own-{c}", ("n", t))))));
            }

            return outcomes;
        })));

        Assert.All(results.SelectMany(r => r).SelectMany(r => r.Results), r => Assert.Equal(TransactionStatus.Success, r.Status));
        var documents = await backend.FindAsync("counters");
        Assert.Equal(9, documents.Count);
        var aborts = backend.Double.Commands.Count(c => c.Name == "abortTransaction");
        output.WriteLine($"{aborts} transactions aborted by write conflicts and re-run");
        var shared = ((Bson.BsonInt32)documents.Single(d => d["_id"] is Bson.BsonString { Value: "shared" })["n"]).Value;
        Assert.Equal(5, shared % 10);
    }
}

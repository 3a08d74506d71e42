using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Mongo.Bson;
using PowerSync.Backend.Mongo.Tests.Double;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>
/// A pipeline over the <see cref="InMemoryMongoExecutorDouble"/> test double (never a real server) with predictable
/// session ids and clock, for golden and provider-specific tests.
/// </summary>
internal sealed class MongoTestBackend : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private int _sessions;

    public MongoTestBackend(Action<MongoBackendOptions> configure, Action<PowerSyncBackendBuilder>? pipeline = null, bool standalone = false)
    {
        Double = new InMemoryMongoExecutorDouble(standalone);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddPowerSyncBackend(builder =>
        {
            var options = new MongoBackendOptions { Database = "app" };
            configure(options);
            builder.UseStore<MongoStore, MongoErrorClassifier>(sp => new MongoStore(Double, options, Clock, sp.GetRequiredService<ILogger<MongoStore>>())
            {
                SessionIds = () => new Guid($"00000000-0000-4000-8000-{Interlocked.Increment(ref _sessions):D12}"),
            });
            builder.Configure(o => o.Retry.BaseDelay = TimeSpan.Zero);
            pipeline?.Invoke(builder);
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The test double every command goes to.</summary>
    public InMemoryMongoExecutorDouble Double { get; }

    /// <summary>The clock (2025-01-01T00:00:00Z; back-offs pass instantly).</summary>
    public TestTimeProvider Clock { get; } = new();

    /// <summary>The store.</summary>
    public MongoStore Store => _services.GetRequiredService<MongoStore>();

    /// <summary>Processes an upload in a fresh scope.</summary>
    public async Task<UploadResult> UploadAsync(CrudUpload upload)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUploadProcessor>().ProcessAsync(upload, CancellationToken.None);
    }

    /// <summary>Processes transactions from the conformance user and client.</summary>
    public Task<UploadResult> UploadAsync(params CrudTransaction[] transactions) => UploadAsync(PowerSync.Backend.Conformance.Crud.Upload(PowerSync.Backend.Conformance.Crud.ClientId, transactions));

    /// <summary>Runs a set-up command on the double (not recorded as part of a scenario once <see cref="InMemoryMongoExecutorDouble.ClearCommands"/> ran).</summary>
    public async Task<BsonDocument> RunAsync(string database, BsonDocument command)
    {
        var reply = ExtendedJsonReader.ParseDocument(await Double.RunCommandAsync(new MongoCommand(database, command.Elements[0].Key, ExtendedJsonWriter.ToCanonical(command)), CancellationToken.None));
        Assert.True(reply["ok"] is BsonDouble { Value: 1 }, ExtendedJsonWriter.ToCanonical(reply));
        return reply;
    }

    /// <summary>Reads every document of a collection of the <c>app</c> database.</summary>
    public async Task<List<BsonDocument>> FindAsync(string collection, BsonDocument? filter = null)
    {
        var reply = await RunAsync("app", new BsonDocument().Add("find", new BsonString(collection)).Add("filter", filter ?? new BsonDocument()));
        return ((BsonArray)((BsonDocument)reply["cursor"])["firstBatch"]).Items.Cast<BsonDocument>().ToList();
    }

    /// <summary>A collection's documents as relaxed JSON, for readable assertions.</summary>
    public async Task<string[]> DocumentsAsync(string collection) => [.. (await FindAsync(collection)).Select(ExtendedJsonWriter.ToRelaxed)];

    /// <summary>Creates a collection whose validator requires <paramref name="field"/> to be a string.</summary>
    public Task RequireStringAsync(string collection, string field) => RunAsync("app", new BsonDocument()
        .Add("create", new BsonString(collection))
        .Add("validator", new BsonDocument().Add("$jsonSchema", new BsonDocument()
            .Add("required", new BsonArray([new BsonString(field)]))
            .Add("properties", new BsonDocument().Add(field, new BsonDocument().Add("bsonType", new BsonString("string")))))));

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

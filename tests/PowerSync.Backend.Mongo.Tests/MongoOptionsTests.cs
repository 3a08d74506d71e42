using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Mongo.Tests.Double;

namespace PowerSync.Backend.Mongo.Tests;

public sealed class MongoOptionsTests
{
    public static TheoryData<string, Action<MongoBackendOptions>> Invalid => new()
    {
        { "no database", o => o.Database = "" },
        { "a dot in the database", o => o.Database = "app.x" },
        { "a system collection", o => o.Collection("t", c => c.Name = "system.users") },
        { "a $ in a collection", o => o.Collection("t$") },
        { "the ledger as a table's collection", o => o.Collection("powersync_ledger") },
        { "a dotted field", o => o.Collection("t", c => c.Field("a.b", MongoFieldType.String)) },
        { "a $ field", o => o.Collection("t", c => c.Field("$x", MongoFieldType.String)) },
        { "the id as a field", o => o.Collection("t", c => c.Field("_id", MongoFieldType.String)) },
        { "a default that does not fit", o => o.Collection("t", c => c.Field("n", MongoFieldType.Int32, CrudValue.FromText("many"))) },
        { "no statements per command", o => o.MaxStatementsPerCommand = 0 },
        { "a negative re-run time", o => o.WriteConflictTimeLimit = TimeSpan.FromSeconds(-1) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_options_are_refused_at_registration(string name, Action<MongoBackendOptions> configure)
    {
        var services = new ServiceCollection();

        var error = Record.Exception(() => services.AddPowerSyncBackend(b => b.UseMongo(new InMemoryMongoExecutorDouble(), o =>
        {
            o.Database = "app";
            configure(o);
        })));

        Assert.True(error is ArgumentException, name);
    }

    [Fact]
    public void UseMongo_registers_the_store_for_every_role_and_the_classifier()
    {
        var services = new ServiceCollection().AddSingleton<IMongoCommandExecutor>(new InMemoryMongoExecutorDouble());
        services.AddPowerSyncBackend(b => b.UseMongo(o => o.Database = "app"));
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<MongoStore>();
        Assert.Same(store, provider.GetRequiredService<ICrudApplier>());
        Assert.Same(store, provider.GetRequiredService<IIdempotencyLedger>());
        Assert.Same(store, provider.GetRequiredService<IDeadLetterStore>());
        Assert.Contains(provider.GetServices<IErrorClassifier>(), c => c is MongoErrorClassifier);
    }

    [Fact]
    public void UseMongo_without_an_executor_in_DI_says_what_is_missing()
    {
        var services = new ServiceCollection();
        services.AddPowerSyncBackend(b => b.UseMongo(o => o.Database = "app"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICrudApplier>());
        Assert.Contains("IMongoCommandExecutor", error.Message, StringComparison.Ordinal);
    }
}

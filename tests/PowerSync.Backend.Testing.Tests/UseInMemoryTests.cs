using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using static PowerSync.Backend.Testing.Tests.Crud;

namespace PowerSync.Backend.Testing.Tests;

public sealed class UseInMemoryTests
{
    [Fact]
    public void Registers_one_store_singleton_for_applier_ledger_and_dead_letters()
    {
        var configured = 0;
        var services = new ServiceCollection();
        services.AddPowerSyncBackend(b => b.UseInMemory(s =>
        {
            configured++;
            s.DeclareTable("todos");
        }));
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<InMemoryStore>();

        Assert.Same(store, provider.GetRequiredService<ICrudApplier>());
        Assert.Same(store, provider.GetRequiredService<IIdempotencyLedger>());
        Assert.Same(store, provider.GetRequiredService<IDeadLetterStore>());
        Assert.Same(store, provider.GetRequiredService<InMemoryStore>());
        using (var scope = provider.CreateScope())
        {
            Assert.Same(store, scope.ServiceProvider.GetRequiredService<ICrudApplier>());
        }

        Assert.Equal(1, configured);
    }

    [Fact]
    public async Task Configure_callback_sets_the_store_up()
    {
        var services = new ServiceCollection();
        services.AddPowerSyncBackend(b => b.UseInMemory(s => s.DeclareTable("todos")));
        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<InMemoryStore>();

        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(store, Transaction(1, Put("todos", "a", Data(("title", Text("milk")))))));
        var (_, inner) = await FailingApplyAsync(store, Transaction(2, Put("lists", "l", Data(("name", Text("home"))))));
        Assert.Equal(ErrorCodes.SchemaMismatch, inner.Classification.ErrorCode);
    }

    [Fact]
    public void Registers_the_in_memory_error_classifier()
    {
        var services = new ServiceCollection();
        services.AddPowerSyncBackend(b => b.UseInMemory());
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IErrorClassifier>().OfType<InMemoryErrorClassifier>());
        Assert.IsType<InMemoryStore>(provider.GetRequiredService<ICrudApplier>());
    }

    [Fact]
    public void Calling_UseInMemory_again_replaces_the_earlier_configuration()
    {
        // A test host re-registers the store that the application under test registered, with its own set-up.
        var services = new ServiceCollection();
        services.AddPowerSyncBackend(b => b.UseInMemory(s => s.DeclareTable("app")));
        services.AddPowerSyncBackend(b => b.UseInMemory(s => s.PatchInsertsMissingRows = true));
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<InMemoryStore>();

        Assert.True(store.PatchInsertsMissingRows);
        Assert.Same(store, provider.GetRequiredService<ICrudApplier>());
    }
}

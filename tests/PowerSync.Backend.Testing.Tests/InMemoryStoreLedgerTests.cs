using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Testing.Tests.Crud;

namespace PowerSync.Backend.Testing.Tests;

public sealed class InMemoryStoreLedgerTests
{
    private static readonly CrudData Milk = Data(("title", Text("milk")));
    private static readonly CrudData Bread = Data(("title", Text("bread")));
    private static readonly DateTimeOffset RejectedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Apply_with_a_client_advances_the_position_to_the_transaction_id_and_highest_op_id()
    {
        using var store = new InMemoryStore();

        await ApplyAsync(store, Transaction(7, Put("todos", "a", Milk, opId: 12), Put("todos", "b", Milk, opId: 14), Delete("todos", "c", opId: 13)));

        Assert.Equal(new LedgerPosition(7, 14), store.PositionOf(Client));
        Assert.Equal(LedgerPosition.None, store.PositionOf(new ClientKey(User, "other-client")));
        Assert.Equal(LedgerPosition.None, store.PositionOf(new ClientKey("other-user", ClientId)));
    }

    [Fact]
    public async Task Covered_transaction_returns_AlreadyApplied_without_writing()
    {
        using var store = new InMemoryStore();
        var transaction = Transaction(7, Put("todos", "a", Milk, opId: 12));
        await ApplyAsync(store, transaction);
        store.Seed("todos", "a", Bread);

        var again = await ApplyAsync(store, transaction);
        var older = await ApplyAsync(store, Transaction(6, Put("todos", "a", Milk, opId: 11), Put("todos", "z", Milk, opId: 12)));

        Assert.Equal(ApplyOutcome.AlreadyApplied, again);
        Assert.Equal(ApplyOutcome.AlreadyApplied, older);
        Assert.Equal(Bread, store.Row("todos", "a"));
        Assert.Null(store.Row("todos", "z"));
        Assert.Single(store.Applied);
        Assert.Equal(new LedgerPosition(7, 12), store.PositionOf(Client));
        Assert.Equal(3, store.Attempts);
    }

    [Fact]
    public async Task Later_transaction_is_applied_and_moves_the_position_on()
    {
        using var store = new InMemoryStore();
        await ApplyAsync(store, Transaction(7, Put("todos", "a", Milk, opId: 12)));

        var outcome = await ApplyAsync(store, Transaction(8, Put("todos", "b", Bread, opId: 13)));

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal(Bread, store.Row("todos", "b"));
        Assert.Equal(new LedgerPosition(8, 13), store.PositionOf(Client));
    }

    [Fact]
    public async Task Transaction_without_an_id_applies_only_entries_beyond_the_op_id_position()
    {
        using var store = new InMemoryStore();
        await ApplyAsync(store, Transaction(null, Put("todos", "a", Milk, opId: 1), Put("todos", "b", Milk, opId: 2)));
        store.Seed("todos", "a", Bread);

        var outcome = await ApplyAsync(store, Transaction(null, Put("todos", "a", Milk, opId: 1), Put("todos", "b", Milk, opId: 2), Put("todos", "c", Milk, opId: 3)));

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal(Bread, store.Row("todos", "a"));
        Assert.Equal(Milk, store.Row("todos", "c"));
        Assert.Equal([3L], store.Applied[^1].Transaction.Entries.Select(e => e.OperationId));
        Assert.Equal(new LedgerPosition(null, 3), store.PositionOf(Client));
    }

    [Fact]
    public async Task Without_a_client_id_nothing_is_recorded_in_the_ledger_and_repeats_apply_again()
    {
        using var store = new InMemoryStore();
        var transaction = Transaction(7, Put("todos", "a", Milk, opId: 12));

        var first = await ApplyAsync(store, transaction, clientId: null);
        store.Seed("todos", "a", Bread);
        var second = await ApplyAsync(store, transaction, clientId: null);

        Assert.Equal(ApplyOutcome.Applied, first);
        Assert.Equal(ApplyOutcome.Applied, second);
        Assert.Equal(Milk, store.Row("todos", "a"));
        Assert.Equal(2, store.Applied.Count);
        Assert.All(store.Applied, a => Assert.Null(a.ClientId));
        Assert.Equal(LedgerPosition.None, store.PositionOf(new ClientKey(User, string.Empty)));
        Assert.Equal(LedgerPosition.None, store.PositionOf(Client));
    }

    [Fact]
    public async Task Dead_letter_is_recorded_and_advances_the_ledger()
    {
        using var store = new InMemoryStore();
        var transaction = Transaction(9, Put("todos", "a", Milk, opId: 20), Put("todos", "b", Milk, opId: 21));
        var letter = new DeadLetter(User, ClientId, transaction, new FailedOperation(ErrorCodes.UniqueViolation, "duplicate") { OperationIndex = 1 }, RejectedAt);

        await store.WriteAsync(letter, CancellationToken.None);

        Assert.Equal([letter], store.DeadLetters);
        Assert.Equal(new LedgerPosition(9, 21), store.PositionOf(Client));
        Assert.Equal(ApplyOutcome.AlreadyApplied, await ApplyAsync(store, transaction));
        Assert.Null(store.Row("todos", "a"));
        Assert.Empty(store.Applied);
    }

    [Fact]
    public async Task Dead_letter_never_moves_the_ledger_back()
    {
        using var store = new InMemoryStore();
        await ApplyAsync(store, Transaction(9, Put("todos", "a", Milk, opId: 21)));

        await store.WriteAsync(new DeadLetter(User, ClientId, Transaction(5, Put("todos", "b", Milk, opId: 10)), new FailedOperation(ErrorCodes.Conflict, null), RejectedAt), CancellationToken.None);

        Assert.Equal(new LedgerPosition(9, 21), store.PositionOf(Client));
        Assert.Single(store.DeadLetters);
    }

    [Fact]
    public async Task Dead_letter_without_a_client_is_recorded_without_touching_the_ledger()
    {
        using var store = new InMemoryStore();
        var letter = new DeadLetter(User, null, Transaction(9, Put("todos", "a", Milk, opId: 20)), new FailedOperation(ErrorCodes.Unauthorized, "no"), RejectedAt);

        await store.WriteAsync(letter, CancellationToken.None);

        Assert.Equal([letter], store.DeadLetters);
        Assert.Equal(LedgerPosition.None, store.PositionOf(new ClientKey(User, string.Empty)));
        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(store, Transaction(9, Put("todos", "a", Milk, opId: 20))));
    }

    [Fact]
    public async Task GetPositionAsync_and_PositionOf_agree()
    {
        using var store = new InMemoryStore();
        Assert.Equal(LedgerPosition.None, await store.GetPositionAsync(Client, CancellationToken.None));

        await ApplyAsync(store, Transaction(3, Put("todos", "a", Milk, opId: 4)));
        await store.WriteAsync(new DeadLetter("user-2", "client-2", Transaction(null, Put("todos", "b", Milk, opId: 8)), new FailedOperation(ErrorCodes.InvalidData, null), RejectedAt), CancellationToken.None);

        var other = new ClientKey("user-2", "client-2");
        Assert.Equal(new LedgerPosition(3, 4), await store.GetPositionAsync(Client, CancellationToken.None));
        Assert.Equal(store.PositionOf(Client), await store.GetPositionAsync(Client, CancellationToken.None));
        Assert.Equal(new LedgerPosition(null, 8), await store.GetPositionAsync(other, CancellationToken.None));
        Assert.Equal(store.PositionOf(other), await store.GetPositionAsync(other, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_applies_of_one_transaction_for_one_client_apply_it_exactly_once()
    {
        using var store = new InMemoryStore();
        var upload = Upload(Transaction(7, Put("todos", "a", Milk, opId: 1), Patch("todos", "a", Data(("done", Bool(true))), opId: 2)));
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await store.ApplyAsync(Context(upload), CancellationToken.None);
            }))
            .ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o == ApplyOutcome.Applied);
        Assert.Equal(19, outcomes.Count(o => o == ApplyOutcome.AlreadyApplied));
        Assert.Single(store.Applied);
        Assert.Equal(20, store.Attempts);
        Assert.Equal(new LedgerPosition(7, 2), store.PositionOf(Client));
        Assert.Equal(Data(("title", Text("milk")), ("done", Bool(true))), store.Row("todos", "a"));
    }
}

using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using static PowerSync.Backend.Testing.Tests.Crud;

namespace PowerSync.Backend.Testing.Tests;

public sealed class InMemoryStoreScriptTests
{
    private static readonly CrudData Milk = Data(("title", Text("milk")));
    private static readonly CrudData Bread = Data(("title", Text("bread")));

    /// <summary>Three entries: entry 0 updates a seeded row, entry 1 deletes another, entry 2 inserts.</summary>
    private static CrudTransaction ThreeEntries(long transactionId = 1) => Transaction(
        transactionId,
        Patch("todos", "seeded", Data(("title", Text("changed"))), opId: 1),
        Delete("todos", "doomed", opId: 2),
        Put("todos", "new", Bread, opId: 3));

    private static InMemoryStore SeededStore() => new InMemoryStore()
        .Seed("todos", "seeded", Milk)
        .Seed("todos", "doomed", Milk);

    private static void AssertUntouched(InMemoryStore store)
    {
        Assert.Equal(Milk, store.Row("todos", "seeded"));
        Assert.Equal(Milk, store.Row("todos", "doomed"));
        Assert.Null(store.Row("todos", "new"));
        Assert.Equal(2, store.Rows("todos").Count);
        Assert.Empty(store.Applied);
        Assert.Equal(LedgerPosition.None, store.PositionOf(Client));
    }

    [Fact]
    public async Task FailAt_entry_2_throws_with_that_index_and_leaves_no_trace_of_entries_0_and_1()
    {
        var classification = ErrorClassification.Rejected(ErrorCodes.UniqueViolation);
        using var store = SeededStore().FailAt(classification, atEntry: 2);

        var (failure, inner) = await FailingApplyAsync(store, ThreeEntries());

        Assert.Equal(2, failure.OperationIndex);
        Assert.Equal(classification, inner.Classification);
        AssertUntouched(store);
    }

    [Fact]
    public async Task Reject_at_entry_2_fails_permanently_with_the_code_and_rolls_back()
    {
        using var store = SeededStore().Reject(ErrorCodes.ForeignKeyViolation, atEntry: 2);

        var (failure, inner) = await FailingApplyAsync(store, ThreeEntries());

        Assert.Equal(2, failure.OperationIndex);
        Assert.Equal(ErrorClassification.Rejected(ErrorCodes.ForeignKeyViolation), inner.Classification);
        Assert.False(inner.Classification.IsTransient);
        AssertUntouched(store);
    }

    [Fact]
    public async Task FailTransiently_at_entry_2_fails_as_retry_and_rolls_back()
    {
        using var store = SeededStore().FailTransiently(atEntry: 2);

        var (failure, inner) = await FailingApplyAsync(store, ThreeEntries());

        Assert.Equal(2, failure.OperationIndex);
        Assert.True(inner.Classification.IsTransient);
        Assert.Equal(ErrorDisposition.Retry, inner.Classification.Disposition);
        AssertUntouched(store);
    }

    [Fact]
    public async Task A_retry_after_the_scripted_failure_applies_everything()
    {
        using var store = SeededStore().FailTransiently(atEntry: 2);
        await FailingApplyAsync(store, ThreeEntries());

        var outcome = await ApplyAsync(store, ThreeEntries());

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal(Data(("title", Text("changed"))), store.Row("todos", "seeded"));
        Assert.Null(store.Row("todos", "doomed"));
        Assert.Equal(Bread, store.Row("todos", "new"));
        Assert.Equal(new LedgerPosition(1, 3), store.PositionOf(Client));
    }

    [Fact]
    public async Task Times_counts_down_one_failure_per_attempt()
    {
        using var store = new InMemoryStore().FailTransiently(times: 2);
        var transaction = Transaction(1, Put("todos", "a", Milk));

        await FailingApplyAsync(store, transaction);
        await FailingApplyAsync(store, transaction);
        var outcome = await ApplyAsync(store, transaction);

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal(3, store.Attempts);
        Assert.Single(store.Applied);
    }

    [Fact]
    public async Task Reject_fails_only_the_next_attempt()
    {
        using var store = new InMemoryStore().Reject(ErrorCodes.CheckViolation);

        await FailingApplyAsync(store, Transaction(1, Put("todos", "a", Milk)));

        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(store, Transaction(2, Put("todos", "b", Bread))));
    }

    [Fact]
    public async Task Failure_scripted_for_an_entry_a_transaction_lacks_waits_for_one_that_has_it()
    {
        using var store = new InMemoryStore().FailTransiently(atEntry: 2);

        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(store, Transaction(1, Put("todos", "a", Milk), Put("todos", "b", Milk))));
        var (failure, _) = await FailingApplyAsync(store, Transaction(2, Put("todos", "c", Milk), Put("todos", "d", Milk), Put("todos", "e", Milk)));

        Assert.Equal(2, failure.OperationIndex);
    }

    [Fact]
    public async Task Table_filter_fails_only_entries_of_that_table()
    {
        var classification = ErrorClassification.Rejected(ErrorCodes.NotNullViolation);
        using var store = new InMemoryStore().FailAt(classification, atEntry: 1, table: "lists");

        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(store, Transaction(1, Put("lists", "l1", Milk), Put("todos", "a", Milk))));
        var (failure, inner) = await FailingApplyAsync(store, Transaction(2, Put("todos", "b", Milk), Put("lists", "l2", Milk)));

        Assert.Equal(1, failure.OperationIndex);
        Assert.Equal(classification, inner.Classification);
        Assert.Null(store.Row("todos", "b"));
        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(store, Transaction(3, Put("todos", "c", Milk), Put("lists", "l3", Milk))));
    }

    [Fact]
    public void FailAt_refuses_a_negative_entry_or_fewer_than_one_time()
    {
        using var store = new InMemoryStore();

        Assert.Throws<ArgumentOutOfRangeException>(() => store.FailAt(ErrorClassification.Transient(), atEntry: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.FailAt(ErrorClassification.Transient(), times: 0));
    }

    [Fact]
    public async Task InMemoryErrorClassifier_returns_the_classification_the_store_exception_carries()
    {
        var classification = ErrorClassification.Rejected(ErrorCodes.UniqueViolation);
        using var store = new InMemoryStore().FailAt(classification);
        var (_, inner) = await FailingApplyAsync(store, Transaction(1, Put("todos", "a", Milk)));

        Assert.Equal(classification, new InMemoryErrorClassifier().Classify(inner));
    }

    [Fact]
    public void InMemoryErrorClassifier_returns_null_for_other_exceptions()
    {
        var classifier = new InMemoryErrorClassifier();

        Assert.Null(classifier.Classify(new InvalidOperationException("boom")));
        Assert.Null(classifier.Classify(new TimeoutException()));
    }
}

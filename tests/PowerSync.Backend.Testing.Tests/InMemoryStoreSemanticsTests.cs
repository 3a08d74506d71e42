using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.Model;
using static PowerSync.Backend.Testing.Tests.Crud;

namespace PowerSync.Backend.Testing.Tests;

public sealed class InMemoryStoreSemanticsTests
{
    [Fact]
    public async Task Put_inserts_a_missing_row()
    {
        using var store = new InMemoryStore();

        var outcome = await ApplyAsync(store, Transaction(1, Put("todos", "a", Data(("title", Text("milk")), ("done", Bool(false))))));

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal(Data(("title", Text("milk")), ("done", Bool(false))), store.Row("todos", "a"));
        Assert.Single(store.Rows("todos"));
    }

    [Fact]
    public async Task Put_on_an_existing_row_merges_and_keeps_omitted_columns()
    {
        using var store = new InMemoryStore().Seed("todos", "a", Data(("title", Text("milk")), ("done", Bool(false))));

        await ApplyAsync(store, Transaction(1, Put("todos", "a", Data(("title", Text("bread"))))));

        Assert.Equal(Data(("title", Text("bread")), ("done", Bool(false))), store.Row("todos", "a"));
    }

    [Fact]
    public async Task Put_replaces_the_whole_row_of_a_ReplaceOnPut_table()
    {
        using var store = new InMemoryStore()
            .ReplaceOnPut("todos")
            .Seed("todos", "a", Data(("title", Text("milk")), ("done", Bool(false))))
            .Seed("lists", "l", Data(("name", Text("home")), ("owner", Text("ann"))));

        await ApplyAsync(store, Transaction(1, Put("todos", "a", Data(("title", Text("bread")))), Put("lists", "l", Data(("name", Text("work"))))));

        Assert.Equal(Data(("title", Text("bread"))), store.Row("todos", "a"));
        Assert.Equal(Data(("name", Text("work")), ("owner", Text("ann"))), store.Row("lists", "l"));
    }

    [Fact]
    public async Task Patch_updates_only_supplied_columns_and_keeps_explicit_nulls()
    {
        using var store = new InMemoryStore().Seed("todos", "a", Data(("title", Text("milk")), ("done", Bool(false)), ("note", Text("2 litres"))));

        await ApplyAsync(store, Transaction(1, Patch("todos", "a", Data(("done", Bool(true)), ("note", CrudValue.Null)))));

        var row = store.Row("todos", "a");
        Assert.NotNull(row);
        Assert.Equal(Data(("title", Text("milk")), ("done", Bool(true)), ("note", CrudValue.Null)), row);
        Assert.True(row.TryGetValue("note", out var note));
        Assert.True(note.IsNull);
    }

    [Fact]
    public async Task Empty_patch_changes_nothing()
    {
        var seeded = Data(("title", Text("milk")), ("done", Bool(false)));
        using var store = new InMemoryStore().Seed("todos", "a", seeded);

        var outcome = await ApplyAsync(store, Transaction(1, Patch("todos", "a", CrudData.Empty)));

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal(seeded, store.Row("todos", "a"));
        Assert.Single(store.Rows("todos"));
    }

    [Fact]
    public async Task Patch_of_a_missing_row_is_a_no_op()
    {
        using var store = new InMemoryStore();

        var outcome = await ApplyAsync(store, Transaction(1, Patch("todos", "a", Data(("done", Bool(true))))));

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Null(store.Row("todos", "a"));
        Assert.Empty(store.Rows("todos"));
    }

    [Fact]
    public async Task Patch_of_a_missing_row_creates_it_when_PatchInsertsMissingRows()
    {
        using var store = new InMemoryStore { PatchInsertsMissingRows = true };

        await ApplyAsync(store, Transaction(1, Patch("todos", "a", Data(("done", Bool(true))))));

        Assert.Equal(Data(("done", Bool(true))), store.Row("todos", "a"));
    }

    [Fact]
    public async Task Delete_removes_the_row_and_leaves_the_others()
    {
        using var store = new InMemoryStore()
            .Seed("todos", "a", Data(("title", Text("milk"))))
            .Seed("todos", "b", Data(("title", Text("bread"))));

        await ApplyAsync(store, Transaction(1, Delete("todos", "a")));

        Assert.Null(store.Row("todos", "a"));
        Assert.Equal(["b"], store.Rows("todos").Keys);
    }

    [Fact]
    public async Task Delete_of_a_missing_row_succeeds()
    {
        using var store = new InMemoryStore().Seed("todos", "b", Data(("title", Text("bread"))));

        var outcome = await ApplyAsync(store, Transaction(1, Delete("todos", "a")));

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Null(store.Row("todos", "a"));
        Assert.Single(store.Rows("todos"));
        Assert.Single(store.Applied);
    }

    [Fact]
    public async Task Operations_on_one_row_in_one_transaction_apply_in_order()
    {
        using var store = new InMemoryStore();

        await ApplyAsync(store, Transaction(
            1,
            Put("todos", "a", Data(("title", Text("milk")), ("done", Bool(false)))),
            Patch("todos", "a", Data(("done", Bool(true)))),
            Delete("todos", "a"),
            Put("todos", "a", Data(("title", Text("bread"))))));

        // Merged into the first PUT, the last PUT would keep done; after the DELETE it starts afresh.
        Assert.Equal(Data(("title", Text("bread"))), store.Row("todos", "a"));
    }

    [Fact]
    public async Task Patch_after_put_in_one_transaction_sees_the_put()
    {
        using var store = new InMemoryStore();

        await ApplyAsync(store, Transaction(1, Put("todos", "a", Data(("title", Text("milk")))), Patch("todos", "a", Data(("done", Bool(true))))));

        Assert.Equal(Data(("title", Text("milk")), ("done", Bool(true))), store.Row("todos", "a"));
    }

    [Fact]
    public async Task Applied_records_each_committed_transaction_with_user_and_client()
    {
        using var store = new InMemoryStore();
        var first = Transaction(1, Put("todos", "a", Data(("title", Text("milk"))), opId: 1));
        var second = Transaction(2, Delete("todos", "a", opId: 2));

        await ApplyAsync(store, first);
        await ApplyAsync(store, second, userId: "user-2", clientId: "client-2");

        Assert.Equal([(User, ClientId, first), ("user-2", "client-2", second)], store.Applied.Select(a => (a.UserId, a.ClientId, a.Transaction)));
        Assert.Equal(new AppliedTransaction(User, ClientId, first, 1), store.Applied[0]);
        Assert.Equal(2, store.Attempts);
    }

    [Fact]
    public async Task Applied_records_which_attempt_of_the_transaction_committed_it()
    {
        using var store = new InMemoryStore();
        await ApplyAsync(store, Transaction(1, Put("todos", "a", Data(("title", Text("milk"))), opId: 1)));
        store.FailTransiently(times: 2);
        var upload = Upload(Transaction(2, Put("todos", "b", Data(("title", Text("bread"))), opId: 2)));

        // As the pipeline retries: the same upload and transaction, a fresh context per attempt.
        await Assert.ThrowsAnyAsync<Exception>(async () => await store.ApplyAsync(Context(upload), CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(async () => await store.ApplyAsync(Context(upload), CancellationToken.None));
        await store.ApplyAsync(Context(upload), CancellationToken.None);

        Assert.Equal(4, store.Attempts);
        Assert.Equal([1, 3], store.Applied.Select(a => a.Attempt));
    }

    [Fact]
    public async Task Failed_attempts_are_counted_but_not_recorded_as_applied()
    {
        using var store = new InMemoryStore().FailTransiently();

        await Assert.ThrowsAnyAsync<Exception>(async () => await ApplyAsync(store, Transaction(1, Put("todos", "a", Data(("title", Text("milk")))))));

        Assert.Equal(1, store.Attempts);
        Assert.Empty(store.Applied);
    }

    [Fact]
    public void Seed_stores_rows_that_Row_and_Rows_read_back()
    {
        using var store = new InMemoryStore()
            .Seed("todos", "a", Data(("title", Text("milk"))))
            .Seed("todos", "b", Data(("title", Text("bread"))))
            .Seed("todos", "a", Data(("title", Text("eggs"))));

        Assert.Equal(Data(("title", Text("eggs"))), store.Row("todos", "a"));
        Assert.Null(store.Row("todos", "c"));
        Assert.Null(store.Row("lists", "a"));
        var rows = store.Rows("todos");
        Assert.Equal(["a", "b"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Data(("title", Text("bread"))), rows["b"]);
        Assert.Empty(store.Rows("lists"));
    }

    [Fact]
    public async Task Rows_returns_a_snapshot_that_later_writes_do_not_change()
    {
        using var store = new InMemoryStore().Seed("todos", "a", Data(("title", Text("milk"))));
        var before = store.Rows("todos");

        await ApplyAsync(store, Transaction(1, Put("todos", "b", Data(("title", Text("bread")))), Delete("todos", "a")));

        Assert.Equal(["a"], before.Keys);
        Assert.Equal(["b"], store.Rows("todos").Keys);
    }
}

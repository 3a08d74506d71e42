using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using static PowerSync.Backend.Testing.Tests.Crud;

namespace PowerSync.Backend.Testing.Tests;

public sealed class InMemoryStoreSchemaTests
{
    private static readonly ErrorClassification SchemaMismatch = ErrorClassification.Rejected(ErrorCodes.SchemaMismatch);

    [Fact]
    public async Task Write_to_an_undeclared_table_fails_with_schema_mismatch_at_its_entry()
    {
        using var store = new InMemoryStore().DeclareTable("todos", "title", "done");

        var (failure, inner) = await FailingApplyAsync(store, Transaction(
            1,
            Put("todos", "a", Data(("title", Text("milk")))),
            Patch("todos", "a", Data(("done", Bool(true)))),
            Put("lists", "l", Data(("name", Text("home"))))));

        Assert.Equal(2, failure.OperationIndex);
        Assert.Equal(SchemaMismatch, inner.Classification);
        Assert.Null(store.Row("todos", "a"));
        Assert.Empty(store.Applied);
        Assert.Equal(LedgerPosition.None, store.PositionOf(Client));
    }

    [Fact]
    public async Task Write_of_an_undeclared_column_fails_with_schema_mismatch_at_its_entry()
    {
        using var store = new InMemoryStore().DeclareTable("todos", "title", "done");

        var (failure, inner) = await FailingApplyAsync(store, Transaction(
            1,
            Put("todos", "a", Data(("title", Text("milk")))),
            Patch("todos", "a", Data(("done", Bool(true)), ("colour", Text("red"))))));

        Assert.Equal(1, failure.OperationIndex);
        Assert.Equal(SchemaMismatch, inner.Classification);
        Assert.Null(store.Row("todos", "a"));
    }

    [Fact]
    public async Task Delete_from_an_undeclared_table_fails_with_schema_mismatch()
    {
        using var store = new InMemoryStore().DeclareTable("todos");

        var (failure, inner) = await FailingApplyAsync(store, Transaction(1, Delete("lists", "l")));

        Assert.Equal(0, failure.OperationIndex);
        Assert.Equal(SchemaMismatch, inner.Classification);
    }

    [Fact]
    public async Task Declared_columns_are_accepted()
    {
        using var store = new InMemoryStore().DeclareTable("todos", "title", "done").DeclareTable("lists", "name");

        var outcome = await ApplyAsync(store, Transaction(1, Put("todos", "a", Data(("title", Text("milk")), ("done", Bool(false)))), Put("lists", "l", Data(("name", Text("home"))))));

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.NotNull(store.Row("todos", "a"));
        Assert.NotNull(store.Row("lists", "l"));
    }

    [Fact]
    public async Task Table_declared_without_columns_accepts_any_column()
    {
        using var store = new InMemoryStore().DeclareTable("todos");

        var outcome = await ApplyAsync(store, Transaction(1, Put("todos", "a", Data(("anything", Text("x")), ("else", Bool(true))))));

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal(Data(("anything", Text("x")), ("else", Bool(true))), store.Row("todos", "a"));
    }

    [Fact]
    public async Task Without_declarations_any_table_and_column_is_accepted()
    {
        using var store = new InMemoryStore();

        var outcome = await ApplyAsync(store, Transaction(1, Put("whatever", "1", Data(("any", Text("x")))), Put("other", "2", Data(("column", Text("y"))))));

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.NotNull(store.Row("whatever", "1"));
        Assert.NotNull(store.Row("other", "2"));
    }

    [Fact]
    public void DeclareTable_refuses_an_empty_name()
    {
        using var store = new InMemoryStore();

        Assert.Throws<ArgumentException>(() => store.DeclareTable(string.Empty));
    }
}

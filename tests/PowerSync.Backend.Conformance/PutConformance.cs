using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>PUT: insert, upsert, merge or replace, defaults.</summary>
public abstract class PutConformance : ConformanceSuite
{
    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected PutConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task Put_inserts_a_new_row_with_every_sent_column()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "Groceries"), ("owner_id", "u1"), ("created_at", "2025-01-02T03:04:05Z")))));

        var row = await AssertRowAsync(Lists, "l1");
        Assert.Equal(Data(("name", "Groceries"), ("owner_id", "u1"), ("created_at", "2025-01-02T03:04:05Z")), row);
        Assert.Equal(1, await CountAsync(Lists));
    }

    [Fact]
    public async Task Put_of_an_existing_row_updates_it_instead_of_failing()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "first")))));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put(Lists, "l1", ("name", "second")))));

        await AssertRowAsync(Lists, "l1", ("name", "second"));
        Assert.Equal(1, await CountAsync(Lists));
    }

    [Fact]
    public async Task Put_twice_in_one_transaction_keeps_the_later_values()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "first"), ("owner_id", "a")), Put(Lists, "l1", ("name", "second")))));

        await AssertRowAsync(Lists, "l1", ("name", "second"), ("owner_id", "a"));
    }

    [Fact]
    public async Task Put_merges_into_an_existing_row_by_default()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "first"), ("owner_id", "u1"), ("created_at", "2025-01-01T00:00:00Z")))));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put(Lists, "l1", ("name", "second")))));

        await AssertRowAsync(Lists, "l1", ("name", "second"), ("owner_id", "u1"), ("created_at", "2025-01-01T00:00:00Z"));
    }

    [Fact]
    public async Task Put_replaces_the_whole_row_on_a_table_configured_to_replace()
    {
        var backend = Start(o => o.ReplaceOnPut.Add(Lists));

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "first"), ("owner_id", "u1"), ("created_at", "2025-01-01T00:00:00Z")))));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put(Lists, "l1", ("name", "second")))));

        Assert.Equal(Data(("name", "second"), ("owner_id", null), ("created_at", null)), await RowAsync(Lists, "l1"));
    }

    [Fact]
    public async Task Replacing_put_restores_the_default_of_an_omitted_column()
    {
        var backend = Start(o => o.ReplaceOnPut.Add(TypedTable));

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", (Typed.Required, "r"), (Typed.WithDefault, "custom"), (Typed.Int, 7)))));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put(TypedTable, "t1", (Typed.Required, "r2")))));

        await AssertRowAsync(TypedTable, "t1", (Typed.Required, "r2"), (Typed.WithDefault, DefaultText), (Typed.Int, null));
    }

    [Fact]
    public async Task Replacing_only_applies_to_the_configured_tables()
    {
        var backend = Start(o => o.ReplaceOnPut.Add(TypedTable));

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "first"), ("owner_id", "u1")))));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put(Lists, "l1", ("name", "second")))));

        await AssertRowAsync(Lists, "l1", ("name", "second"), ("owner_id", "u1"));
    }

    [Fact]
    public async Task Merging_put_keeps_a_column_the_client_omitted()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", (Typed.Required, "r"), (Typed.WithDefault, "custom")))));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put(TypedTable, "t1", (Typed.Required, "r2")))));

        await AssertRowAsync(TypedTable, "t1", (Typed.Required, "r2"), (Typed.WithDefault, "custom"));
    }

    [Fact]
    public async Task Merging_put_of_an_existing_row_keeps_a_required_column_the_client_omitted()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", (Typed.Required, "r"), (Typed.Int, 1)), Put(TypedTable, "t2", (Typed.Required, "s")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Put(TypedTable, "t1", (Typed.Int, 2)), Put(TypedTable, "t2", (Typed.Int, 3)))));

        await AssertRowAsync(TypedTable, "t1", (Typed.Required, "r"), (Typed.Int, 2));
        await AssertRowAsync(TypedTable, "t2", (Typed.Required, "s"), (Typed.Int, 3));
    }

    [Fact]
    public async Task Merging_put_of_a_new_row_without_a_required_column_is_refused_with_NOT_NULL_VIOLATION()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", (Typed.Required, "r")))));

        var result = await backend.UploadAsync(Tx(2, Put(TypedTable, "t1", (Typed.Int, 2)), Put(TypedTable, "t2", (Typed.Int, 3))));

        AssertRefused(result, Core.Errors.ErrorCodes.NotNullViolation, 1);
        await AssertRowAsync(TypedTable, "t1", (Typed.Int, null));
    }

    [Fact]
    public async Task Replacing_put_without_a_required_column_is_refused_with_NOT_NULL_VIOLATION()
    {
        var backend = Start(o => o.ReplaceOnPut.Add(TypedTable));
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", (Typed.Required, "r")))));

        var result = await backend.UploadAsync(Tx(2, Put(TypedTable, "t1", (Typed.Int, 2))));

        AssertRefused(result, Core.Errors.ErrorCodes.NotNullViolation, 0);
        await AssertRowAsync(TypedTable, "t1", (Typed.Required, "r"), (Typed.Int, null));
    }

    [Fact]
    public async Task Insert_without_a_column_stores_its_default()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", (Typed.Required, "r")))));

        await AssertRowAsync(TypedTable, "t1", (Typed.WithDefault, DefaultText), (Typed.Text, null));
    }

    [Fact]
    public async Task Put_with_an_explicit_null_stores_null()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n"), ("owner_id", "u1")))));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put(Lists, "l1", ("name", "n"), ("owner_id", null)))));

        await AssertRowAsync(Lists, "l1", ("owner_id", null));
    }

    [Fact]
    public async Task Put_of_many_rows_in_one_transaction_inserts_them_all()
    {
        var backend = Start();

        var entries = Enumerable.Range(0, 200).Select(i => Put(Lists, $"l{i}", ("name", $"list {i}"), ("owner_id", i % 2 == 0 ? "even" : null))).ToArray();
        AssertSuccess(await backend.UploadAsync(Tx(1, entries)));

        Assert.Equal(200, await CountAsync(Lists));
        await AssertRowAsync(Lists, "l199", ("name", "list 199"), ("owner_id", null));
        await AssertRowAsync(Lists, "l42", ("name", "list 42"), ("owner_id", "even"));
    }

    [Fact]
    public async Task Put_without_a_required_column_is_refused_with_NOT_NULL_VIOLATION_and_nothing_is_applied()
    {
        var backend = Start();

        var result = await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "ok")), Put(Lists, "l2", ("owner_id", "u1"))));

        AssertRefused(result, Core.Errors.ErrorCodes.NotNullViolation, 1);
        await AssertEmptyAsync();
    }

    [Fact]
    public async Task Put_with_an_empty_row_inserts_only_the_id_and_defaults()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Todos, "t1"))));

        Assert.Equal(
            Data(("list_id", null), ("description", null), ("completed", null), ("version", null), ("updated_at", null)),
            await RowAsync(Todos, "t1"));
    }
}

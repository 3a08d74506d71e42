using PowerSync.Backend.Core.Errors;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>Tables and columns the database does not have.</summary>
public abstract class SchemaConformance : ConformanceSuite
{
    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected SchemaConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task An_unknown_table_is_refused_with_SCHEMA_MISMATCH_and_nothing_is_applied()
    {
        var backend = Start();

        var result = await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")), Put("no_such_table", "x", ("name", "n"))));

        AssertRefused(result, ErrorCodes.SchemaMismatch, 1);
        await AssertEmptyAsync();
        Assert.Equal(ErrorCodes.SchemaMismatch, Assert.Single(await DeadLettersAsync()).ErrorCode);
    }

    [Theory]
    [InlineData("put")]
    [InlineData("patch")]
    public async Task An_unknown_column_is_refused_with_SCHEMA_MISMATCH_and_nothing_is_applied(string operation)
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l0", ("name", "before")))));

        var entry = operation == "put" ? Put(Lists, "l1", ("name", "n"), ("no_such_column", 1)) : Patch(Lists, "l0", ("name", "n"), ("no_such_column", 1));
        var result = await backend.UploadAsync(Tx(2, Put(Lists, "l2", ("name", "n")), entry));

        AssertRefused(result, ErrorCodes.SchemaMismatch, 1);
        Assert.Equal(1, await CountAsync(Lists));
        await AssertRowAsync(Lists, "l0", ("name", "before"));
    }

    [Fact]
    public async Task Unknown_columns_are_dropped_when_configured_to_ignore_them()
    {
        var backend = Start(o => o.IgnoreUnknownColumns = true);

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n"), ("no_such_column", 1), ("owner_id", "o")), Patch(Lists, "l1", ("other_unknown", "x")))));

        Assert.Equal(Data(("name", "n"), ("owner_id", "o"), ("created_at", null)), await RowAsync(Lists, "l1"));
    }

    [Fact]
    public async Task An_unknown_table_is_refused_even_when_unknown_columns_are_ignored()
    {
        var backend = Start(o => o.IgnoreUnknownColumns = true);

        var result = await backend.UploadAsync(Tx(1, Put("no_such_table", "x", ("name", "n"))));

        AssertRefused(result, ErrorCodes.SchemaMismatch, 0);
    }

    [Theory]
    [InlineData("Lists", "name")]
    [InlineData("LISTS", "name")]
    [InlineData("lists ", "name")]
    [InlineData("lists", "Name")]
    [InlineData("lists", "name ")]
    public async Task Table_and_column_names_must_match_exactly(string table, string column)
    {
        var backend = Start();

        var result = await backend.UploadAsync(Tx(1, Put(table, "l1", (column, "n"))));

        AssertRefused(result, ErrorCodes.SchemaMismatch, 0);
        await AssertEmptyAsync();
    }

    [Fact]
    public async Task An_id_inside_the_data_never_changes_the_row_id()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("id", "other"), ("name", "n")))));

        await AssertRowAsync(Lists, "l1", ("name", "n"));
        await AssertNoRowAsync(Lists, "other");
    }

    [Fact]
    public async Task Row_ids_are_stored_verbatim()
    {
        var backend = Start();
        string[] ids = ["A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "with space", "quote'\"; --", "表-ü", "42"];

        AssertSuccess(await backend.UploadAsync(Tx(1, ids.Select(id => Put(Lists, id, ("name", id))).ToArray())));

        foreach (var id in ids)
        {
            await AssertRowAsync(Lists, id, ("name", id));
        }
    }
}

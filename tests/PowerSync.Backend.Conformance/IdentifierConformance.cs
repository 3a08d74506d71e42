using PowerSync.Backend.Core.Errors;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>
/// Hostile identifiers: real tables and columns whose names hold quotes, semicolons, SQL and non-ASCII letters
/// are written correctly; names from clients that match nothing are refused before any SQL runs.
/// </summary>
public abstract class IdentifierConformance : ConformanceSuite
{
    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected IdentifierConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task A_table_and_columns_with_hostile_names_are_written_and_read_back()
    {
        var backend = Start();
        var values = HostileColumns.Select((c, i) => (c, (object?)$"v{i}: {c}")).ToArray();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(HostileTable, "h1", values), Put(HostileTable, "h2", values))));
        AssertSuccess(await backend.UploadAsync(Tx(2, Patch(HostileTable, "h1", (HostileColumns[0], "patched"), (HostileColumns[2], null)), Delete(HostileTable, "h2"))));

        var expected = values.Select((v, i) => i == 0 ? (v.c, (object?)"patched") : i == 2 ? (v.c, (object?)null) : v).ToArray();
        Assert.Equal(Data(expected), await RowAsync(HostileTable, "h1"));
        Assert.Equal(1, await CountAsync(HostileTable));
        Assert.Equal(0, await CountAsync(Todos));
    }

    [Fact]
    public async Task Hostile_names_work_in_set_based_runs_and_replacing_puts()
    {
        var backend = Start(o => o.ReplaceOnPut.Add(HostileTable));
        var entries = Enumerable.Range(0, 20).Select(i => Put(HostileTable, $"h{i}", (HostileColumns[1], $"{i}"), (HostileColumns[3], "x"))).ToArray();

        AssertSuccess(await backend.UploadAsync(Tx(1, entries)));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put(HostileTable, "h0", (HostileColumns[1], "replaced")))));

        Assert.Equal(20, await CountAsync(HostileTable));
        await AssertRowAsync(HostileTable, "h0", (HostileColumns[1], "replaced"), (HostileColumns[3], null));
        await AssertRowAsync(HostileTable, "h19", (HostileColumns[1], "19"), (HostileColumns[3], "x"));
    }

    [Fact]
    public async Task Hostile_values_are_stored_verbatim()
    {
        var backend = Start();
        string[] values = ["'); DROP TABLE lists; --", "\"", "\\", "$1", "?", "@p0", "%s", "' OR '1'='1", "ü表😀", "line\nbreak\ttab"];

        AssertSuccess(await backend.UploadAsync(Tx(1, values.Select((v, i) => Put(Lists, $"l{i}", ("name", v), ("owner_id", v))).ToArray())));

        for (var i = 0; i < values.Length; i++)
        {
            await AssertRowAsync(Lists, $"l{i}", ("name", values[i]), ("owner_id", values[i]));
        }
    }

    [Theory]
    [InlineData("lists\"; DROP TABLE todos; --")]
    [InlineData("lists; DELETE FROM todos")]
    [InlineData("todos WHERE 1=1 --")]
    [InlineData("`lists`")]
    [InlineData("[lists]")]
    [InlineData("\"lists\"")]
    [InlineData("public.lists")]
    [InlineData("../lists")]
    [InlineData("lists\0")]
    [InlineData("表")]
    [InlineData("we\"ird`; DROP TABLE todos;-- [tâble]")]
    public async Task A_hostile_table_name_that_matches_no_table_is_refused_with_SCHEMA_MISMATCH(string table)
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l0", ("name", "n")), Put(Todos, "t0", ("list_id", "l0")))));

        var result = await backend.UploadAsync(Tx(2, Put(Lists, "l1", ("name", "n")), Put(table, "x", ("name", "n"))));

        AssertRefused(result, ErrorCodes.SchemaMismatch, 1);
        Assert.Equal(1, await CountAsync(Lists));
        Assert.Equal(1, await CountAsync(Todos));
        Assert.Single(await DeadLettersAsync());
    }

    [Theory]
    [InlineData("name\" = 'x', \"owner_id")]
    [InlineData("name; DROP TABLE lists; --")]
    [InlineData("name\0")]
    [InlineData("col \"quoted\"")]
    [InlineData("`name`")]
    public async Task A_hostile_column_name_that_matches_no_column_is_refused_with_SCHEMA_MISMATCH(string column)
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l0", ("name", "before")))));

        var result = await backend.UploadAsync(Tx(2, Patch(Lists, "l0", ("name", "after"), (column, "x"))));

        AssertRefused(result, ErrorCodes.SchemaMismatch, 0);
        await AssertRowAsync(Lists, "l0", ("name", "before"));
    }
}

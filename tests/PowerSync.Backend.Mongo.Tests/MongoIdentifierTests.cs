using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Mongo.Tests.Conformance;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>
/// Hostile names in MongoDB: the conformance hostile table's fields that update operators can write round-trip
/// exactly; a field name starting with <c>$</c>, holding a dot or a NUL is refused (it would be an operator or a
/// path), even where undeclared fields are kept.
/// </summary>
public sealed class MongoIdentifierTests() : ConformanceSuite(new MongoConformanceDatabase())
{
    private static readonly string[] Writable = [.. MongoConformanceDatabase.FieldsOf(HostileTable)];

    [Fact]
    public async Task A_collection_and_fields_with_hostile_names_are_written_and_read_back()
    {
        var backend = Start();
        var values = Writable.Select((c, i) => (c, (object?)$"v{i}: {c}")).ToArray();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(HostileTable, "h1", values), Put(HostileTable, "h2", values))));
        AssertSuccess(await backend.UploadAsync(Tx(2, Patch(HostileTable, "h1", (Writable[0], "patched"), (Writable[2], null)), Delete(HostileTable, "h2"))));

        var expected = values.Select((v, i) => i == 0 ? (v.c, (object?)"patched") : i == 2 ? (v.c, (object?)null) : v).ToArray();
        Assert.Equal(Data(expected), await RowAsync(HostileTable, "h1"));
        Assert.Equal(1, await CountAsync(HostileTable));
    }

    [Fact]
    public async Task Hostile_names_work_in_set_based_runs_and_replacing_puts()
    {
        var backend = Start(o => o.ReplaceOnPut.Add(HostileTable));

        AssertSuccess(await backend.UploadAsync(Tx(1, Enumerable.Range(0, 20).Select(i => Put(HostileTable, $"h{i}", (Writable[1], $"{i}"), (Writable[3], "x"))).ToArray())));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put(HostileTable, "h0", (Writable[1], "replaced")))));

        Assert.Equal(20, await CountAsync(HostileTable));
        await AssertRowAsync(HostileTable, "h0", (Writable[1], "replaced"), (Writable[3], null));
        await AssertRowAsync(HostileTable, "h19", (Writable[1], "19"), (Writable[3], "x"));
    }

    [Theory]
    [InlineData("$1::text")]
    [InlineData("$set")]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("nul\0")]
    public async Task A_field_name_update_operators_cannot_write_is_refused_even_where_undeclared_fields_are_kept(string field)
    {
        ((MongoConformanceDatabase)Database).Configure = o => o.Collections[HostileTable].UnknownFields = MongoUnknownFields.Keep;
        var backend = Start();

        var result = await backend.UploadAsync(Tx(1, Put(HostileTable, "h1", (Writable[0], "a")), Put(HostileTable, "h2", (field, "x"))));

        AssertRefused(result, ErrorCodes.SchemaMismatch, 1);
        Assert.Equal(0, await CountAsync(HostileTable));
    }

    [Fact]
    public async Task Undeclared_fields_with_ordinary_names_are_kept_when_configured()
    {
        ((MongoConformanceDatabase)Database).Configure = o => o.Collections[Lists].UnknownFields = MongoUnknownFields.Keep;
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n"), ("extra field", 1)))));

        await AssertRowAsync(Lists, "l1", ("name", "n"), ("extra field", 1));
    }
}

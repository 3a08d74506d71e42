using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Postgres.Tests.Conformance;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Postgres.Tests;

/// <summary>The cached catalog is reloaded on an unknown table or column, but no more often than the refresh interval.</summary>
public sealed class PostgresSchemaRefreshTests : ConformanceSuite
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly PostgresConformanceDatabase _database;

    public PostgresSchemaRefreshTests()
        : this(new PostgresConformanceDatabase())
    {
    }

    private PostgresSchemaRefreshTests(PostgresConformanceDatabase database)
        : base(database)
    {
        _database = database;
        database.Configure = o => o.SchemaRefreshInterval = Interval;
    }

    [Fact]
    public async Task A_table_created_after_the_first_upload_becomes_writable_after_the_refresh_interval()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")))));
        await PostgresConformanceDatabase.ExecuteAsync($"CREATE TABLE {_database.Qualified("late")} (id text PRIMARY KEY, note text)", Timeout);

        // Within the interval an unknown table does not reload the catalog: still unknown.
        AssertRefused(await backend.UploadAsync(Tx(2, Put("late", "x", ("note", "early")))), ErrorCodes.SchemaMismatch, 0);
        backend.Clock.Advance(Interval);
        AssertSuccess(await backend.UploadAsync(Tx(3, Put("late", "x", ("note", "later")))));

        await AssertRowAsync("late", "x", ("note", "later"));
    }

    [Fact]
    public async Task A_column_added_after_the_first_upload_becomes_writable_after_the_refresh_interval()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")))));
        await PostgresConformanceDatabase.ExecuteAsync($"ALTER TABLE {_database.Qualified(Lists)} ADD COLUMN color text", Timeout);

        AssertRefused(await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("color", "red")))), ErrorCodes.SchemaMismatch, 0);
        backend.Clock.Advance(Interval);
        AssertSuccess(await backend.UploadAsync(Tx(3, Patch(Lists, "l1", ("color", "blue")))));

        await AssertRowAsync(Lists, "l1", ("color", "blue"));
    }

    [Fact]
    public async Task A_table_created_before_the_first_upload_is_writable_at_once()
    {
        await PostgresConformanceDatabase.ExecuteAsync($"CREATE TABLE {_database.Qualified("early")} (id text PRIMARY KEY, note text)", Timeout);
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put("early", "x", ("note", "n")))));
    }

    [Fact]
    public async Task A_table_whose_key_is_not_the_id_column_is_refused_naming_the_reason()
    {
        await PostgresConformanceDatabase.ExecuteAsync($"CREATE TABLE {_database.Qualified("pairs")} (a text, b text, PRIMARY KEY (a, b))", Timeout);
        var backend = Start();

        var failed = AssertRefused(await backend.UploadAsync(Tx(1, Put("pairs", "x"))), ErrorCodes.SchemaMismatch, 0);

        Assert.Contains("primary key", failed.Message, StringComparison.Ordinal);
    }
}

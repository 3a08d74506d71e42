using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Postgres.Tests.Conformance;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Postgres.Tests;

/// <summary>Stored rows for conflict checks are matched to entries by the id as the client spelled it.</summary>
public sealed class PostgresConflictRowsTests : ConformanceSuite
{
    private const string Lower = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    private const string Upper = "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11";
    private readonly PostgresConformanceDatabase _database;

    public PostgresConflictRowsTests()
        : this(new PostgresConformanceDatabase())
    {
    }

    private PostgresConflictRowsTests(PostgresConformanceDatabase database)
        : base(database) => _database = database;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PostgresConformanceDatabase.ExecuteAsync(
            $"CREATE TABLE {_database.Qualified("items")} (id uuid PRIMARY KEY, version integer, note text); CREATE TABLE {_database.Qualified("counters")} (id bigint PRIMARY KEY, version integer)",
            Timeout);
    }

    [Theory]
    [InlineData(Lower, Upper)]
    [InlineData(Upper, Lower)]
    [InlineData("{" + Upper + "}", Lower)]
    public async Task A_uuid_row_written_with_another_spelling_is_still_checked_against_the_stored_version(string seeded, string stale)
    {
        var backend = Start(pipeline: b => b.Table("items", t => t.UseVersionColumn("version")));
        AssertSuccess(await backend.UploadAsync(Upload("writer", Tx(1, Put("items", seeded, ("version", 2), ("note", "theirs"))))));

        var result = await backend.UploadAsync(Tx(1, Put("items", stale, ("version", 1), ("note", "stale"))));

        AssertRefused(result, ErrorCodes.Conflict, 0);
        await AssertRowAsync("items", Lower, ("version", 2), ("note", "theirs"));
    }

    [Fact]
    public async Task Two_spellings_of_one_uuid_in_a_transaction_are_one_row_written_in_order()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put("items", Upper, ("note", "first")), Put("items", Lower, ("note", "second")))));

        await AssertRowAsync("items", Lower, ("version", null), ("note", "second"));
    }

    [Fact]
    public async Task A_numeric_id_is_matched_however_the_client_spelled_it()
    {
        var backend = Start(pipeline: b => b.Table("counters", t => t.UseVersionColumn("version")));
        AssertSuccess(await backend.UploadAsync(Upload("writer", Tx(1, Put("counters", "42", ("version", 5))))));

        AssertRefused(await backend.UploadAsync(Tx(1, Patch("counters", "042", ("version", 4)))), ErrorCodes.Conflict, 0);
        AssertSuccess(await backend.UploadAsync(Tx(2, Patch("counters", "+42", ("version", 6)))));

        await AssertRowAsync("counters", "42", ("version", 6));
    }
}

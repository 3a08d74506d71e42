using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>
/// The built-in conflict strategies (previous values, version column, timestamp column; reject and skip),
/// checked against the stored row the provider reads, locked, inside the applying transaction.
/// </summary>
public abstract class ConflictConformance : ConformanceSuite
{
    private const string Writer = "writer";

    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected ConflictConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task A_patch_whose_previous_values_match_the_stored_row_applies()
    {
        var backend = Start(pipeline: b => b.Table(Lists, t => t.RejectWhenPreviousValuesDiffer()));
        await SeedListAsync(backend, "seen");

        AssertSuccess(await backend.UploadAsync(Tx(1, Patch(Lists, "l1", ("name", "mine")) with { Previous = Data(("name", "seen"), ("owner_id", "o")) })));

        await AssertRowAsync(Lists, "l1", ("name", "mine"));
    }

    [Fact]
    public async Task A_patch_whose_previous_values_differ_is_rejected_as_CONFLICT_and_dead_lettered()
    {
        var backend = Start(pipeline: b => b.Table(Lists, t => t.RejectWhenPreviousValuesDiffer()));
        await SeedListAsync(backend, "theirs");

        var result = await backend.UploadAsync(Tx(1, Put(Lists, "l2", ("name", "x")), Patch(Lists, "l1", ("name", "mine")) with { Previous = Data(("name", "seen")) }));

        AssertRefused(result, ErrorCodes.Conflict, 1);
        await AssertRowAsync(Lists, "l1", ("name", "theirs"));
        await AssertNoRowAsync(Lists, "l2");
        Assert.Equal((ErrorCodes.Conflict, 1), Assert.Single(await DeadLettersAsync()) is var letter ? (letter.ErrorCode, letter.OperationIndex) : default);
    }

    [Fact]
    public async Task A_patch_whose_previous_values_differ_is_skipped_when_configured_and_the_rest_applies()
    {
        var backend = Start(pipeline: b => b.Table(Lists, t => t.RejectWhenPreviousValuesDiffer(ConflictAction.Skip)));
        await SeedListAsync(backend, "theirs");

        var result = await backend.UploadAsync(Tx(1, Patch(Lists, "l1", ("name", "mine")) with { Previous = Data(("name", "seen")) }, Put(Lists, "l2", ("name", "x"))));

        AssertSuccess(result);
        await AssertRowAsync(Lists, "l1", ("name", "theirs"));
        await AssertRowAsync(Lists, "l2", ("name", "x"));
        Assert.Empty(await DeadLettersAsync());
    }

    [Fact]
    public async Task A_patch_with_previous_values_of_a_row_deleted_meanwhile_is_a_conflict()
    {
        var backend = Start(pipeline: b => b.Table(Lists, t => t.RejectWhenPreviousValuesDiffer()));

        var result = await backend.UploadAsync(Tx(1, Patch(Lists, "gone", ("name", "mine")) with { Previous = Data(("name", "seen")) }));

        AssertRefused(result, ErrorCodes.Conflict, 0);
    }

    [Fact]
    public async Task A_delete_with_stale_previous_values_is_rejected_and_the_row_kept()
    {
        var backend = Start(pipeline: b => b.Table(Lists, t => t.RejectWhenPreviousValuesDiffer()));
        await SeedListAsync(backend, "theirs");

        var result = await backend.UploadAsync(Tx(1, Delete(Lists, "l1") with { Previous = Data(("name", "seen")) }));

        AssertRefused(result, ErrorCodes.Conflict, 0);
        await AssertRowAsync(Lists, "l1", ("name", "theirs"));
    }

    [Fact]
    public async Task Previous_values_compare_typed_stored_values_loosely()
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.RejectWhenPreviousValuesDiffer()));
        await SeedTodoAsync(backend, version: 3, updatedAt: "2025-01-02T00:00:00Z", completed: true);

        // SQLite clients saw completed as 1 and version as text; the stored row holds a boolean and an integer.
        AssertSuccess(await backend.UploadAsync(Tx(1, Patch(Todos, "t1", ("completed", 0), ("version", 4)) with { Previous = Data(("completed", 1), ("version", "3")) })));

        await AssertRowAsync(Todos, "t1", ("completed", false), ("version", 4));
    }

    [Fact]
    public async Task A_write_with_a_greater_version_applies()
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.UseVersionColumn("version")));
        await SeedTodoAsync(backend, version: 2);

        AssertSuccess(await backend.UploadAsync(Tx(1, Patch(Todos, "t1", ("description", "mine"), ("version", 3)))));

        await AssertRowAsync(Todos, "t1", ("description", "mine"), ("version", 3));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public async Task A_write_without_a_greater_version_is_rejected(int version)
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.UseVersionColumn("version")));
        await SeedTodoAsync(backend, version: 2);

        var result = await backend.UploadAsync(Tx(1, Put(Todos, "t1", ("list_id", "l1"), ("description", "mine"), ("version", version))));

        AssertRefused(result, ErrorCodes.Conflict, 0);
        await AssertRowAsync(Todos, "t1", ("description", "theirs"), ("version", 2));
    }

    [Fact]
    public async Task A_stale_version_is_skipped_when_configured()
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.UseVersionColumn("version", ConflictAction.Skip)));
        await SeedTodoAsync(backend, version: 5);

        AssertSuccess(await backend.UploadAsync(Tx(1, Patch(Todos, "t1", ("description", "stale"), ("version", 4)), Put(Todos, "t2", ("list_id", "l1"), ("version", 1)))));

        await AssertRowAsync(Todos, "t1", ("description", "theirs"), ("version", 5));
        await AssertRowAsync(Todos, "t2", ("version", 1));
        Assert.Empty(await DeadLettersAsync());
    }

    [Fact]
    public async Task A_refusal_after_skipped_entries_still_names_the_entry_as_sent()
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.UseVersionColumn("version", ConflictAction.Skip)));
        await SeedTodoAsync(backend, version: 5);

        // Entry 0 is skipped as stale; the database then refuses entry 3 of the set-based run that follows.
        var result = await backend.UploadAsync(Tx(
            1,
            Patch(Todos, "t1", ("version", 4)),
            Put(Todos, "n1", ("list_id", "l1"), ("version", 1)),
            Put(Todos, "n2", ("list_id", "l1"), ("version", 1)),
            Put(Todos, "n3", ("list_id", "nowhere"), ("version", 1))));

        AssertRefused(result, ErrorCodes.ForeignKeyViolation, 3);
        Assert.Equal(1, await CountAsync(Todos));
    }

    [Fact]
    public async Task Version_checks_see_the_earlier_entries_of_the_same_transaction()
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.UseVersionColumn("version")));
        await SeedTodoAsync(backend, version: 1);

        AssertSuccess(await backend.UploadAsync(Tx(1, Patch(Todos, "t1", ("version", 2)), Patch(Todos, "t1", ("description", "v3"), ("version", 3)))));
        var result = await backend.UploadAsync(Tx(2, Patch(Todos, "t1", ("version", 5)), Patch(Todos, "t1", ("version", 4))));

        await AssertRowAsync(Todos, "t1", ("description", "v3"), ("version", 3));
        AssertRefused(result, ErrorCodes.Conflict, 1);
    }

    [Fact]
    public async Task An_older_timestamp_is_rejected_even_when_written_with_another_offset()
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.UseTimestampColumn("updated_at")));
        await SeedTodoAsync(backend, updatedAt: "2025-01-02T00:00:00Z");

        // 01:00 at +02:00 is 23:00 the day before in UTC.
        var result = await backend.UploadAsync(Tx(1, Patch(Todos, "t1", ("description", "mine"), ("updated_at", "2025-01-02T01:00:00+02:00"))));

        AssertRefused(result, ErrorCodes.Conflict, 0);
        await AssertRowAsync(Todos, "t1", ("description", "theirs"));
    }

    [Theory]
    [InlineData("2025-01-02T00:00:00Z")]
    [InlineData("2025-01-02T00:00:00.000001Z")]
    [InlineData("2025-01-02T03:00:00+02:00")]
    public async Task A_timestamp_equal_to_or_newer_than_the_stored_one_applies(string updatedAt)
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.UseTimestampColumn("updated_at")));
        await SeedTodoAsync(backend, updatedAt: "2025-01-02T00:00:00Z");

        AssertSuccess(await backend.UploadAsync(Tx(1, Patch(Todos, "t1", ("description", "mine"), ("updated_at", updatedAt)))));

        await AssertRowAsync(Todos, "t1", ("description", "mine"), ("updated_at", ConformanceValues.Instant(updatedAt)));
    }

    [Fact]
    public async Task An_older_timestamp_is_skipped_when_configured()
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.UseTimestampColumn("updated_at", ConflictAction.Skip)));
        await SeedTodoAsync(backend, updatedAt: "2025-01-02T00:00:00.5Z");

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Todos, "t1", ("list_id", "l1"), ("description", "stale"), ("updated_at", "2025-01-02T00:00:00.4Z")))));

        await AssertRowAsync(Todos, "t1", ("description", "theirs"), ("updated_at", "2025-01-02T00:00:00.5Z"));
    }

    [Fact]
    public async Task Concurrent_writes_checked_against_the_version_column_let_exactly_one_win()
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.UseVersionColumn("version")));
        await SeedTodoAsync(backend, version: 1);

        // Every client read version 1 and writes version 2: only a check against the row read under lock
        // lets exactly one through.
        var results = await ConcurrentlyAsync(6, c =>
            backend.UploadAsync(Upload($"client-{c}", Tx(1, Patch(Todos, "t1", ("description", $"c{c}"), ("version", 2))))));

        var winners = results.Where(r => r.Results[0].Status == TransactionStatus.Success).ToArray();
        Assert.Single(winners);
        Assert.All(results.Except(winners), r => AssertRefused(r, ErrorCodes.Conflict, 0));
        var winner = Array.IndexOf(results, winners[0]);
        await AssertRowAsync(Todos, "t1", ("description", $"c{winner}"), ("version", 2));
        Assert.Equal(5, (await DeadLettersAsync()).Count);
    }

    [Fact]
    public async Task Conflict_hooks_see_the_stored_row_with_typed_values()
    {
        var hook = new CapturingHook();
        var backend = Start(pipeline: b => b.Table(Todos, t => t.ResolveConflicts(hook)));
        await SeedTodoAsync(backend, version: 7, updatedAt: "2025-01-02T00:00:00Z", completed: true);
        hook.Seen.Clear();

        AssertSuccess(await backend.UploadAsync(Tx(1, Patch(Todos, "t1", ("description", "x")), Patch(Todos, "missing", ("description", "y")))));

        var stored = Assert.Single(hook.Seen, s => s.Id == "t1").Stored!;
        Assert.Equal(CrudValue.FromText("theirs"), stored["description"]);
        Assert.Equal(CrudValue.FromText("l1"), stored["list_id"]);
        Assert.Equal(CrudValue.FromBoolean(true), stored["completed"]);
        Assert.Equal(CrudValue.FromInteger(7), stored["version"]);
        Assert.Equal(0, DateTimeOffset.Parse(stored["updated_at"].AsText(), System.Globalization.CultureInfo.InvariantCulture).CompareTo(DateTimeOffset.Parse("2025-01-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(Assert.Single(hook.Seen, s => s.Id == "missing").Stored);
        Assert.All(hook.Seen, s => Assert.True(s.Loaded));
    }

    private static async Task SeedListAsync(ConformanceBackend backend, string name) =>
        AssertSuccess(await backend.UploadAsync(Upload(Writer, Tx(1, Put(Lists, "l1", ("name", name), ("owner_id", "o"))))));

    private static async Task SeedTodoAsync(ConformanceBackend backend, int? version = null, string? updatedAt = null, bool? completed = null) =>
        AssertSuccess(await backend.UploadAsync(Upload(Writer, Tx(
            1,
            Put(Lists, "l1", ("name", "n")),
            Put(Todos, "t1", ("list_id", "l1"), ("description", "theirs"), ("version", version), ("updated_at", updatedAt), ("completed", completed))))));

    private sealed class CapturingHook : IConflictHook
    {
        public List<(string Id, CrudData? Stored, bool Loaded)> Seen { get; } = [];

        public bool NeedsStoredRow(CrudEntry entry, string clientTable) => true;

        public ValueTask<ConflictResolution> ResolveAsync(ConflictContext context, CancellationToken cancellationToken)
        {
            lock (Seen)
            {
                Seen.Add((context.Entry.Id, context.StoredRow, context.IsStoredRowLoaded));
            }

            return ValueTask.FromResult(ConflictResolution.Apply);
        }
    }
}

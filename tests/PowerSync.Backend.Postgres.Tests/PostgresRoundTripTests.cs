using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Postgres.Tests.Conformance;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Postgres.Tests;

/// <summary>
/// A transaction costs a constant number of round trips whatever its size: ledger lock, one batch of
/// set-based statements with the ledger update, commit (plus one ledger read per upload).
/// </summary>
public sealed class PostgresRoundTripTests() : ConformanceSuite(new PostgresConformanceDatabase())
{
    [Fact]
    public async Task A_transaction_of_1000_puts_costs_as_many_round_trips_as_one_of_10()
    {
        var backend = Start();
        var store = backend.Services.GetRequiredService<PostgresStore>();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "warm-up", ("name", "n")))));

        var small = await CountAsync(store, () => backend.UploadAsync(Tx(2, Puts(10))));
        var large = await CountAsync(store, () => backend.UploadAsync(Tx(3, Puts(1000))));

        // Ledger read + ledger lock + one batch + commit.
        Assert.Equal((4, 1), small);
        Assert.Equal((4, 1), large);
        Assert.Equal(1001, await CountAsync(Lists));
    }

    [Fact]
    public async Task Without_a_client_id_a_transaction_costs_one_batch_and_a_commit()
    {
        var backend = Start();
        var store = backend.Services.GetRequiredService<PostgresStore>();
        AssertSuccess(await backend.UploadAsync(Upload(null, Tx(1, Put(Lists, "warm-up", ("name", "n"))))));

        Assert.Equal((2, 1), await CountAsync(store, () => backend.UploadAsync(Upload(null, Tx(2, Puts(1000))))));
    }

    [Fact]
    public async Task Each_further_transaction_of_an_upload_costs_three_round_trips()
    {
        var backend = Start();
        var store = backend.Services.GetRequiredService<PostgresStore>();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "warm-up", ("name", "n")))));

        var counted = await CountAsync(store, () => backend.UploadAsync(Tx(2, Puts(500)), Tx(3, Puts(500, from: 500)), Tx(4, Delete(Lists, "l0"))));

        Assert.Equal((1 + 3 * 3, 3), counted);
    }

    [Fact]
    public async Task Conflict_checks_add_one_round_trip_per_transaction_whatever_the_tables()
    {
        var backend = Start(pipeline: b => b.Table(Lists, t => t.RejectWhenPreviousValuesDiffer()).Table(Todos, t => t.UseVersionColumn("version")));
        var store = backend.Services.GetRequiredService<PostgresStore>();
        AssertSuccess(await backend.UploadAsync(Tx(1, Puts(100))));

        var entries = Enumerable.Range(0, 100)
            .Select(i => Patch(Lists, $"l{i}", ("name", "x")) with { Previous = Data(("name", $"list {i}")) })
            .Concat(Enumerable.Range(0, 100).Select(i => Put(Todos, $"t{i}", ("list_id", $"l{i}"), ("version", 1))))
            .ToArray();
        var counted = await CountAsync(store, () => backend.UploadAsync(Tx(2, entries)));

        Assert.Equal((5, 2), counted);
    }

    [Fact]
    public async Task A_hostile_unknown_table_is_refused_without_any_statement()
    {
        var backend = Start();
        var store = backend.Services.GetRequiredService<PostgresStore>();
        AssertSuccess(await backend.UploadAsync(Upload(null, Tx(1, Put(Lists, "warm-up", ("name", "n"))))));

        var upload = Upload(null, Tx(2, Put(Lists, "l1", ("name", "n")), Put("lists\"; DROP TABLE todos; --", "x", ("name", "n"))));
        Core.Results.UploadResult? result = null;
        var counted = await CountAsync(store, async () => result = await backend.UploadAsync(upload), succeeds: false);

        AssertRefused(result!, ErrorCodes.SchemaMismatch, 1);

        // Only the dead letter is written: its batch and its commit.
        Assert.Equal((2, 0), counted);
    }

    private static Core.Model.CrudEntry[] Puts(int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => Put(Lists, $"l{i}", ("name", $"list {i}"), ("owner_id", "o"))).ToArray();

    /// <summary>Counts the round trips and data statements of one upload, which must succeed unless told otherwise.</summary>
    private static async Task<(long RoundTrips, long Statements)> CountAsync(PostgresStore store, Func<Task<Core.Results.UploadResult>> upload, bool succeeds = true)
    {
        var (roundTrips, statements) = (store.RoundTrips, store.Statements);
        var result = await upload();
        if (succeeds)
        {
            AssertSuccess(result);
        }

        return (store.RoundTrips - roundTrips, store.Statements - statements);
    }
}

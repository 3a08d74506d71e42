using System.Globalization;
using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.MySql.Tests.Conformance;
using PowerSync.Backend.MySql.TestDriver;
using Microsoft.Extensions.DependencyInjection;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.MySql.Tests.Provider;

/// <summary>MySQL specifics on the real server: BINARY(16) ids, DATETIME in a configured zone, unsigned ranges, round trips.</summary>
public sealed class MySqlDialectTests() : ConformanceSuite(new MySqlConformanceDatabase())
{
    private const string IdA = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private const string IdB = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    private MySqlConformanceDatabase MySql => (MySqlConformanceDatabase)Database;

    [Fact]
    public async Task Binary_uuids_datetime_zones_and_unsigned_ranges_round_trip()
    {
        await MySqlConformanceDatabase.ExecuteAsync(
            $"CREATE TABLE {MySql.Qualified("extra")} (id BINARY(16) PRIMARY KEY, at DATETIME(6), u TINYINT UNSIGNED, ref BINARY(16), flag TINYINT(1))", Timeout);
        MySql.Configure = o =>
        {
            o.BinaryUuids = true;
            o.TimeZone = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");
        };
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(
            1,
            Put("extra", IdA.ToUpperInvariant(), ("at", "2025-01-01T10:00:00Z"), ("u", 255), ("ref", IdB), ("flag", true)),
            Put("extra", IdB, ("u", 0)))));
        Assert.Equal("0F8FAD5BD9CB469FA16570867728950E|2025-01-01 12:00:00.000000|255|7C9E6679742540DE944BE07FC1F90AE7|1", await ScalarTextAsync(IdA));

        AssertSuccess(await backend.UploadAsync(Tx(2, Patch("extra", IdA, ("u", 7)), Delete("extra", IdB))));
        Assert.Equal("0F8FAD5BD9CB469FA16570867728950E|2025-01-01 12:00:00.000000|7|7C9E6679742540DE944BE07FC1F90AE7|1", await ScalarTextAsync(IdA));
        Assert.Equal(1, await CountAsync("extra"));

        AssertRefused(await backend.UploadAsync(Tx(3, Put("extra", IdB, ("u", 256)))), ErrorCodes.InvalidData, 0);
        AssertRefused(await backend.UploadAsync(Tx(4, Put("extra", IdB, ("u", -1)))), ErrorCodes.InvalidData, 0);
    }

    [Fact]
    public async Task A_transaction_costs_the_same_round_trips_as_on_PostgreSQL_whatever_its_runs()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l0", ("name", "seed")))));
        var store = backend.Services.GetRequiredService<MySqlStore>();
        var before = store.RoundTrips;

        AssertSuccess(await backend.UploadAsync(Tx(
            2,
            Put(Lists, "l1", ("name", "a")),
            Put(Lists, "l2", ("name", "b")),
            Put(Todos, "t1", ("list_id", "l1")),
            Patch(Lists, "l0", ("name", "x")),
            Delete(Todos, "t1"))));

        // Ledger read (once per upload) + ledger lock + one batch of five runs with the ledger update + commit.
        Assert.Equal(4, store.RoundTrips - before);
        Assert.Equal("MariaDB", store.ServerDescription?.Split(' ')[0]);
    }

    [Fact]
    public async Task Migrations_apply_once_even_when_instances_race()
    {
        var ledger = MySql.LedgerDatabase;
        await using var dataSource = MariaDbServer.CreateDataSource();
        var applied = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => MySqlMigrations.ApplyAsync(dataSource, ledger, Timeout)));
        Assert.Equal([1, 2], applied.SelectMany(a => a).Order());
        Assert.Empty(await MySqlMigrations.ApplyAsync(dataSource, ledger, Timeout));
        Assert.Contains("CREATE TABLE IF NOT EXISTS `powersync`.dead_letters", MySqlMigrations.GetScript("powersync"), StringComparison.Ordinal);
    }

    private async Task<string?> ScalarTextAsync(string id)
    {
        await using var connection = await MySqlConformanceDatabase.DataSource.OpenConnectionAsync(Timeout);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CONCAT_WS('|', HEX(id), CAST(at AS CHAR), u, HEX(ref), flag) FROM {MySql.Qualified("extra")} WHERE id = UNHEX(REPLACE(@id, '-', ''))";
        command.Parameters.Add(new MariaDbParameter("id", id));
        return Convert.ToString(await command.ExecuteScalarAsync(Timeout), CultureInfo.InvariantCulture);
    }
}

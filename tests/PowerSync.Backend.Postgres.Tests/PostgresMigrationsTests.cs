using Npgsql;

namespace PowerSync.Backend.Postgres.Tests;

public sealed class PostgresMigrationsTests
{
    [Fact]
    public void Scripts_are_embedded_and_numbered_in_order()
    {
        Assert.Equal([1, 2], PostgresMigrations.Scripts.Select(s => s.Version));
        Assert.Equal("001_ledger.sql", PostgresMigrations.Scripts[0].Name);
    }

    [Fact]
    public async Task Apply_creates_the_tables_once_even_when_instances_race()
    {
        var schema = "mig_" + Guid.NewGuid().ToString("N")[..10];
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        try
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresMigrations.ApplyAsync(dataSource, schema, CancellationToken.None)));
            Assert.Equal([1, 2], runs.SelectMany(r => r).Order());
            Assert.Empty(await PostgresMigrations.ApplyAsync(dataSource, schema, CancellationToken.None));
            Assert.Equal(3L, await CountTablesAsync(dataSource, schema));
        }
        finally
        {
            await DropAsync(dataSource, schema);
        }
    }

    [Fact]
    public async Task The_script_for_DBAs_applies_by_hand_and_is_recognised_afterwards()
    {
        var schema = "Mig \"hand\" " + Guid.NewGuid().ToString("N")[..6];
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        try
        {
            await using (var byHand = dataSource.CreateCommand(PostgresMigrations.GetScript(schema)))
            {
                await byHand.ExecuteNonQueryAsync();
            }

            Assert.Equal(3L, await CountTablesAsync(dataSource, schema));
            Assert.Empty(await PostgresMigrations.ApplyAsync(dataSource, schema, CancellationToken.None));
        }
        finally
        {
            await DropAsync(dataSource, schema);
        }
    }

    private static async Task<long> CountTablesAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = $1");
        command.Parameters.AddWithValue(schema);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task DropAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {PostgresIdentifier.Quote(schema)} CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}

using Npgsql;

namespace PowerSync.Backend.Postgres.Tests;

/// <summary>Proves that the test scripts started the server the provider tests need, with the rights they need.</summary>
public sealed class ServerTests
{
    [Fact]
    public async Task Test_server_is_PostgreSQL_15_or_newer()
    {
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        await using var command = dataSource.CreateCommand("SHOW server_version_num");
        var version = int.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(version >= 150000, $"server_version_num is {version}");
    }

    [Fact]
    public async Task Test_role_can_create_and_drop_a_schema()
    {
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        var schema = "probe_" + Guid.NewGuid().ToString("N")[..12];
        await using (var create = dataSource.CreateCommand($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.t (id text primary key)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var exists = dataSource.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = $1"))
        {
            exists.Parameters.AddWithValue(schema);
            Assert.Equal(1L, await exists.ExecuteScalarAsync());
        }

        await using var drop = dataSource.CreateCommand($"DROP SCHEMA {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}

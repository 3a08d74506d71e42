using Npgsql;
using PowerSync.Backend.Postgres.Sql;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.Postgres.Tests;

/// <summary>
/// Which statement of a batch failed: the relational layer's generic <c>DbBatch</c> path knows only when the driver
/// fills <c>DbException.BatchCommand</c>; the provider's own Npgsql batch always knows.
/// </summary>
public sealed class PostgresStatementBatchTests
{
    [Fact]
    public async Task The_generic_batch_names_the_failing_statement_when_the_driver_includes_it()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { IncludeFailedBatchedCommand = true }.ConnectionString;

        Assert.Equal(2, await FailingIndexAsync(connectionString, (c, t) => StatementBatch.Create(c, t, PostgresParameters.Create)));
    }

    [Fact]
    public async Task The_generic_batch_cannot_tell_otherwise_but_the_Npgsql_batch_can()
    {
        Assert.Equal(-1, await FailingIndexAsync(PostgresServer.ConnectionString, (c, t) => StatementBatch.Create(c, t, PostgresParameters.Create)));
        Assert.Equal(2, await FailingIndexAsync(PostgresServer.ConnectionString, (c, t) => new NpgsqlStatementBatch(c, t)));
    }

    private static async Task<int> FailingIndexAsync(string connectionString, Func<NpgsqlConnection, NpgsqlTransaction, StatementBatch> create)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using var batch = create(connection, transaction);
        batch.Add(new SqlStatement("CREATE TEMPORARY TABLE probe (id text PRIMARY KEY)"));
        batch.Add(new SqlStatement("INSERT INTO probe SELECT unnest($1::text[])", SqlValue.TextArray(["a", "b"])));
        batch.Add(new SqlStatement("INSERT INTO probe VALUES ($1)", SqlValue.Text("a")));
        batch.Add(new SqlStatement("SELECT 1"));

        var failure = await Assert.ThrowsAsync<PostgresException>(() => batch.ExecuteNonQueryAsync(CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, failure.SqlState);
        return batch.IndexOfFailed(failure);
    }
}

using System.Data.Common;
using PowerSync.Backend.MySql.TestDriver;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.Relational.Tests.Sql;

/// <summary>
/// The batch for drivers without <see cref="DbBatch"/>, against the real MariaDB through the test-only driver (which
/// has none): the statements travel as one command text, each with its own parameters.
/// </summary>
public sealed class CommandTextStatementBatchTests
{
    private readonly string _table = "batch_" + Guid.NewGuid().ToString("N")[..12];

    private static string ConnectionString =>
        Environment.GetEnvironmentVariable("POWERSYNC_TEST_MYSQL") is { Length: > 0 } configured && !configured.Contains("://", StringComparison.Ordinal)
            ? configured
            : "Server=127.0.0.1;Port=33069;User ID=powersync;Password=powersync;Database=powersync_test";

    [Fact]
    public async Task Statements_run_in_order_with_their_own_parameters_in_one_command()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (var batch = StatementBatch.Create(connection, transaction, Parameter))
        {
            Assert.IsType<CommandTextStatementBatch>(batch);
            batch.Add(new SqlStatement($"CREATE TEMPORARY TABLE {_table} (id varchar(10) PRIMARY KEY, n bigint)"));
            batch.Add(new SqlStatement($"INSERT INTO {_table} VALUES (@s1_0, @s1_1), (@s1_2, NULL)", SqlValue.Text("a", "s1_0"), SqlValue.Int64(1, "s1_1"), SqlValue.Text("b", "s1_2")));
            batch.Add(new SqlStatement($"UPDATE {_table} SET n = @s2_0 WHERE id = @s2_1", SqlValue.Int64(7, "s2_0"), SqlValue.Text("b", "s2_1")));

            Assert.Equal(3, batch.Count);
            Assert.Equal(1, await batch.ExecuteNonQueryAsync(CancellationToken.None));
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT id, n FROM {_table} ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        Assert.Equal([("a", 1L), ("b", 7L)], rows);
    }

    [Fact]
    public async Task Each_statement_that_returns_rows_has_its_own_result_set()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using var batch = StatementBatch.Create(connection, transaction, Parameter);
        batch.Add(new SqlStatement("SELECT @a AS x", SqlValue.Text("first", "a")));
        batch.Add(new SqlStatement("SELECT @b AS y UNION ALL SELECT @c", SqlValue.Int64(2, "b"), SqlValue.Int64(3, "c")));

        await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);

        Assert.True(await reader.ReadAsync());
        Assert.Equal("first", reader.GetString(0));
        Assert.False(await reader.ReadAsync());
        Assert.True(await reader.NextResultAsync());
        Assert.Equal("y", reader.GetName(0));
        Assert.True(await reader.ReadAsync());
        Assert.True(await reader.ReadAsync());
        Assert.Equal(3L, reader.GetInt64(0));
    }

    [Fact]
    public async Task A_failing_statement_raises_the_driver_exception_without_an_index()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using var batch = StatementBatch.Create(connection, transaction, Parameter);
        batch.Add(new SqlStatement("SELECT 1"));
        batch.Add(new SqlStatement($"SELECT * FROM {_table}_missing"));

        var failure = await Assert.ThrowsAsync<MariaDbException>(() => batch.ExecuteNonQueryAsync(CancellationToken.None));

        Assert.Equal(1146, failure.Number);
        Assert.Equal(-1, batch.IndexOfFailed(failure));
    }

    private static async Task<MariaDbConnection> OpenAsync()
    {
        var connection = new MariaDbConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static DbParameter Parameter(SqlValue value) => new MariaDbParameter(value.Name!, value.Value ?? DBNull.Value);
}

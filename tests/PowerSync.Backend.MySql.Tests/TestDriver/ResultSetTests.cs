using System.Data;
using PowerSync.Backend.MySql.TestDriver;

namespace PowerSync.Backend.MySql.Tests.TestDriver;

public sealed class ResultSetTests : IAsyncLifetime
{
    private readonly string _table = MariaDbServer.UniqueName("td_rs");

    public async Task InitializeAsync()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await connection.ExecAsync($"CREATE TABLE `{_table}` (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE, n INT NOT NULL DEFAULT 0)");
    }

    public Task DisposeAsync() => MariaDbTestExtensions.DropTablesAsync(_table);

    [Fact]
    public async Task A_multi_statement_text_returns_each_result_set_in_order()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var reader = await connection.Command("SELECT 1 AS a; SELECT 'x' AS b, 2 AS c UNION ALL SELECT 'y', 3; SELECT 4 AS d FROM DUAL WHERE 1 = 0").ExecuteReaderAsync();

        Assert.Equal("a", reader.GetName(0));
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt32(0));
        Assert.False(await reader.ReadAsync());

        Assert.True(await reader.NextResultAsync());
        Assert.Equal(2, reader.FieldCount);
        Assert.Equal(1, reader.GetOrdinal("C"));
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        Assert.Equal([("x", 2), ("y", 3)], rows);

        Assert.True(reader.NextResult());
        Assert.Equal("d", reader.GetName(0));
        Assert.False(reader.HasRows);
        Assert.False(reader.Read());
        Assert.False(reader.NextResult());
        Assert.Equal(-1, reader.RecordsAffected);
    }

    [Fact]
    public async Task Statements_without_rows_are_skipped_by_the_reader_and_counted_in_RecordsAffected()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var reader = await connection.Command($"""
            INSERT INTO `{_table}` (name) VALUES ('a'), ('b'), ('c');
            SELECT COUNT(*) FROM `{_table}`;
            UPDATE `{_table}` SET n = 1 WHERE name IN ('a', 'b');
            SELECT name FROM `{_table}` WHERE n = 1 ORDER BY name;
            """).ExecuteReaderAsync();

        Assert.True(reader.Read());
        Assert.Equal(3L, reader.GetValue(0));
        Assert.True(reader.NextResult());
        Assert.True(reader.Read());
        Assert.Equal("a", reader.GetString(0));
        Assert.False(reader.NextResult());
        Assert.Equal(5, reader.RecordsAffected);
    }

    [Fact]
    public async Task ExecuteNonQuery_sums_affected_rows_over_all_statements()
    {
        await using var connection = await MariaDbServer.OpenAsync();

        var affected = await connection.ExecAsync($"""
            INSERT INTO `{_table}` (name) VALUES ('a'), ('b'), ('c');
            UPDATE `{_table}` SET n = 5 WHERE name <> 'c';
            DELETE FROM `{_table}` WHERE name = 'c';
            """);

        Assert.Equal(6, affected);
        Assert.Equal(-1, await connection.ExecAsync($"SELECT * FROM `{_table}`"));
    }

    [Fact]
    public async Task Updates_report_matched_rows_by_default_and_changed_rows_with_UseAffectedRows()
    {
        await using var found = await MariaDbServer.OpenAsync();
        await using var affected = await MariaDbServer.OpenAsync("Use Affected Rows=true");
        await found.ExecAsync($"INSERT INTO `{_table}` (name, n) VALUES ('a', 1)");
        var upsert = $"INSERT INTO `{_table}` (name, n) VALUES (@name, @n) ON DUPLICATE KEY UPDATE n = VALUE(n)";

        // CLIENT_FOUND_ROWS (MySqlConnector's default): an UPDATE that changes nothing still reports its match.
        Assert.Equal(1, await found.ExecAsync($"UPDATE `{_table}` SET n = 1 WHERE name = 'a'"));
        Assert.Equal(0, await affected.ExecAsync($"UPDATE `{_table}` SET n = 1 WHERE name = 'a'"));

        // Upsert: 1 inserted, 2 updated, and for an unchanged row 1 (found rows) or 0 (affected rows).
        Assert.Equal(1, await found.ExecAsync(upsert, ("name", "b"), ("n", 1)));
        Assert.Equal(2, await found.ExecAsync(upsert, ("name", "b"), ("n", 2)));
        Assert.Equal(1, await found.ExecAsync(upsert, ("name", "b"), ("n", 2)));
        Assert.Equal(0, await affected.ExecAsync(upsert, ("name", "b"), ("n", 2)));
    }

    [Fact]
    public async Task ExecuteScalar_returns_the_first_cell_null_without_rows_and_DBNull_for_NULL()
    {
        await using var connection = await MariaDbServer.OpenAsync();

        Assert.Equal("first", await connection.ScalarAsync("SELECT 'first', 'second' UNION ALL SELECT 'third', 'fourth'"));
        Assert.Null(await connection.ScalarAsync($"SELECT name FROM `{_table}`"));
        Assert.Equal(DBNull.Value, await connection.ScalarAsync("SELECT NULL"));
        Assert.Null(await connection.ScalarAsync($"DELETE FROM `{_table}`"));
    }

    [Fact]
    public async Task LastInsertedId_reports_the_auto_increment_value()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var command = connection.Command($"INSERT INTO `{_table}` (name) VALUES ('x')");

        await command.ExecuteNonQueryAsync();

        Assert.Equal(Convert.ToInt64(await connection.ScalarAsync($"SELECT id FROM `{_table}` WHERE name = 'x'"), System.Globalization.CultureInfo.InvariantCulture), command.LastInsertedId);
        Assert.True(command.LastInsertedId > 0);
    }

    [Fact]
    public async Task A_second_command_is_refused_while_a_reader_is_open_as_in_MySqlConnector()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        var reader = await connection.Command("SELECT 1").ExecuteReaderAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ScalarAsync("SELECT 2"));
        await reader.DisposeAsync();

        Assert.Equal(2, await connection.ScalarAsync("SELECT 2"));
    }

    [Fact]
    public async Task Reading_before_Read_or_past_the_end_throws()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var reader = await connection.Command("SELECT 1 AS one").ExecuteReaderAsync();

        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
        Assert.True(reader.Read());
        Assert.Throws<IndexOutOfRangeException>(() => reader.GetValue(1));
        Assert.Throws<IndexOutOfRangeException>(() => reader.GetOrdinal("two"));
        Assert.False(reader.Read());
        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
    }

    [Fact]
    public async Task CloseConnection_behaviour_closes_the_connection_with_the_reader()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        var reader = await connection.Command("SELECT 1").ExecuteReaderAsync(CommandBehavior.CloseConnection);

        await reader.DisposeAsync();

        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task Async_execution_with_a_cancelled_token_does_no_work()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await using var command = connection.Command($"INSERT INTO `{_table}` (name) VALUES ('never')");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteNonQueryAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteReaderAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteScalarAsync(cancelled.Token));

        Assert.Equal(0L, await connection.ScalarAsync($"SELECT COUNT(*) FROM `{_table}`"));
    }

    [Fact]
    public async Task A_failing_statement_stops_the_text_keeps_earlier_effects_and_leaves_the_connection_usable()
    {
        await using var connection = await MariaDbServer.OpenAsync();

        var error = await Assert.ThrowsAsync<MariaDbException>(() => connection.ExecAsync($"""
            INSERT INTO `{_table}` (name) VALUES ('kept');
            SELECT * FROM `{_table}_missing`;
            INSERT INTO `{_table}` (name) VALUES ('never');
            """));

        Assert.Equal(1146, error.Number);
        Assert.Equal(5, await connection.ScalarAsync("SELECT 5"));
        Assert.Equal("kept", await connection.ScalarAsync($"SELECT GROUP_CONCAT(name) FROM `{_table}`"));
    }

    [Fact]
    public async Task Large_results_are_read_completely()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var reader = await connection.Command("SELECT seq, REPEAT('x', seq % 100) FROM seq_1_to_20000").ExecuteReaderAsync();

        long count = 0, sum = 0;
        while (await reader.ReadAsync())
        {
            count++;
            sum += reader.GetInt64(0);
            Assert.Equal((int)(reader.GetInt64(0) % 100), reader.GetString(1).Length);
        }

        Assert.Equal((20000L, 20000L * 20001 / 2), (count, sum));
    }
}

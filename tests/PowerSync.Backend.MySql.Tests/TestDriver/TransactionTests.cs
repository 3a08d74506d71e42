using System.Data;

namespace PowerSync.Backend.MySql.Tests.TestDriver;

public sealed class TransactionTests : IAsyncLifetime
{
    private readonly string _table = MariaDbServer.UniqueName("td_tx");

    public async Task InitializeAsync()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await connection.ExecAsync($"CREATE TABLE `{_table}` (id INT PRIMARY KEY) ENGINE=InnoDB");
    }

    public Task DisposeAsync() => MariaDbTestExtensions.DropTablesAsync(_table);

    [Fact]
    public async Task Commit_makes_the_rows_visible_to_other_connections()
    {
        await using var writer = await MariaDbServer.OpenAsync();
        await using var observer = await MariaDbServer.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();

        await writer.Command(transaction, $"INSERT INTO `{_table}` VALUES (1), (2)").ExecuteNonQueryAsync();
        Assert.Equal(0L, await observer.ScalarAsync($"SELECT COUNT(*) FROM `{_table}`"));
        await transaction.CommitAsync();

        Assert.Equal(2L, await observer.ScalarAsync($"SELECT COUNT(*) FROM `{_table}`"));
        Assert.Null(transaction.Connection);
    }

    [Fact]
    public async Task Rollback_discards_the_rows()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        var transaction = connection.BeginTransaction();

        await connection.Command(transaction, $"INSERT INTO `{_table}` VALUES (1)").ExecuteNonQueryAsync();
        Assert.Equal(1L, await connection.Command(transaction, $"SELECT COUNT(*) FROM `{_table}`").ExecuteScalarAsync());
        transaction.Rollback();

        Assert.Equal(0L, await connection.ScalarAsync($"SELECT COUNT(*) FROM `{_table}`"));
    }

    [Fact]
    public async Task Disposing_an_unfinished_transaction_rolls_it_back()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using (var transaction = connection.BeginTransaction())
        {
            await connection.Command(transaction, $"INSERT INTO `{_table}` VALUES (1)").ExecuteNonQueryAsync();
        }

        Assert.Equal(0L, await connection.ScalarAsync($"SELECT COUNT(*) FROM `{_table}`"));
    }

    [Fact]
    public async Task Closing_the_connection_rolls_back_on_the_server()
    {
        await using (var connection = await MariaDbServer.OpenAsync())
        {
            var transaction = connection.BeginTransaction();
            await connection.Command(transaction, $"INSERT INTO `{_table}` VALUES (1)").ExecuteNonQueryAsync();
        }

        await using var observer = await MariaDbServer.OpenAsync();
        Assert.Equal(0L, await observer.ScalarAsync($"SELECT COUNT(*) FROM `{_table}`"));
    }

    [Theory]
    [InlineData(IsolationLevel.ReadCommitted, 1L)]
    [InlineData(IsolationLevel.RepeatableRead, 0L)]
    [InlineData(IsolationLevel.Snapshot, 0L)]
    public async Task The_requested_isolation_level_governs_what_a_transaction_sees(IsolationLevel level, long seenAfterOtherCommit)
    {
        await using var reader = await MariaDbServer.OpenAsync();
        await using var writer = await MariaDbServer.OpenAsync();
        await using var transaction = reader.BeginTransaction(level);
        Assert.Equal(level, transaction.IsolationLevel);

        Assert.Equal(0L, await reader.Command(transaction, $"SELECT COUNT(*) FROM `{_table}`").ExecuteScalarAsync());
        await writer.ExecAsync($"INSERT INTO `{_table}` VALUES (1)");

        Assert.Equal(seenAfterOtherCommit, await reader.Command(transaction, $"SELECT COUNT(*) FROM `{_table}`").ExecuteScalarAsync());
    }

    [Fact]
    public async Task Commands_must_name_the_active_transaction_as_in_MySqlConnector()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        var transaction = connection.BeginTransaction();

        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ExecAsync($"INSERT INTO `{_table}` VALUES (1)"));
        Assert.Throws<InvalidOperationException>(() => connection.BeginTransaction());
        transaction.Commit();

        Assert.Throws<InvalidOperationException>(() => transaction.Commit());
        Assert.Throws<InvalidOperationException>(() => transaction.Rollback());
        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.Command(transaction, "SELECT 1").ExecuteScalarAsync());
        Assert.Equal(0L, await connection.ScalarAsync($"SELECT COUNT(*) FROM `{_table}`"));
    }
}

using PowerSync.Backend.MySql.Sql;
using PowerSync.Backend.MySql.TestDriver;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.MySql.Tests.Provider;

public sealed class PacketBoundStatementBatchTests
{
    [Fact]
    public async Task Statements_beyond_the_packet_budget_go_in_further_commands_of_the_same_transaction()
    {
        var table = MariaDbServer.UniqueName("pkt");
        await using var connection = await MariaDbServer.OpenAsync();
        try
        {
            await connection.ExecAsync($"CREATE TABLE `{table}` (id INT PRIMARY KEY, body TEXT)");
            await using var transaction = await connection.BeginTransactionAsync();
            var body = new string('x', 1000);
            using (var batch = new PacketBoundStatementBatch(connection, transaction, v => new MariaDbParameter(v.Name!, v.Value), maxBytes: 8000))
            {
                for (var i = 0; i < 3; i++)
                {
                    batch.Add(new SqlStatement($"INSERT INTO `{table}` VALUES (@i{i}, @b{i})", SqlValue.Int32(i, "@i" + i), SqlValue.Text(body, "@b" + i)));
                }

                Assert.Equal(3, batch.Commands);
                Assert.Equal(3, await batch.ExecuteNonQueryAsync(CancellationToken.None));
            }

            await transaction.RollbackAsync();
            Assert.Equal(0L, Convert.ToInt64(await connection.ScalarAsync($"SELECT COUNT(*) FROM `{table}`"), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await MariaDbTestExtensions.DropTablesAsync(table);
        }
    }

    [Fact]
    public async Task Small_transactions_stay_one_command()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using var batch = new PacketBoundStatementBatch(connection, transaction, v => new MariaDbParameter(v.Name!, v.Value), maxBytes: 1 << 20);
        batch.Add(new SqlStatement("SELECT @a", SqlValue.Int32(1, "@a")));
        batch.Add(new SqlStatement("SELECT @b AS b", SqlValue.Int32(2, "@b")));
        Assert.Equal(1, batch.Commands);
        await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);
        Assert.True(await reader.ReadAsync());
    }
}

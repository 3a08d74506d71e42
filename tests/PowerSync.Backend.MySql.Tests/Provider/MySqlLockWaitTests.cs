using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.MySql.Tests.Conformance;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.MySql.Tests.Provider;

/// <summary>
/// A lock-wait timeout (1205) rolls back only the statement in MySQL; the store must still roll back the whole
/// transaction, including the statements that succeeded before it in the same batch.
/// </summary>
public sealed class MySqlLockWaitTests() : ConformanceSuite(Create())
{
    private MySqlConformanceDatabase MySql => (MySqlConformanceDatabase)Database;

    [Fact]
    public async Task A_lock_wait_timeout_rolls_back_the_whole_transaction_and_is_retryable()
    {
        var backend = Start(pipeline: b => b.Configure(o => o.Retry.MaxRetries = 0));
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l0", ("name", "seed")))));

        await using var blocker = await MariaDbServer.OpenAsync();
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = $"START TRANSACTION; SELECT name FROM {MySql.Qualified(Lists)} WHERE id = 'l0' FOR UPDATE";
            await using var reader = await begin.ExecuteReaderAsync(Timeout);
            while (await reader.NextResultAsync(Timeout))
            {
            }
        }

        var upload = Upload(ClientId, Tx(2, Put(Lists, "l1", ("name", "a")), Put(Todos, "t1", ("list_id", "l1")), Patch(Lists, "l0", ("name", "patched"))));
        var result = await backend.UploadAsync(upload);

        Assert.Equal(TransactionStatus.RetryableError, result.Results[0].Status);
        await AssertNoRowAsync(Lists, "l1");
        Assert.Equal(0, await CountAsync(Todos));
        Assert.Equal(1L, (await backend.PositionAsync()).LastTransactionId);

        await using (var release = blocker.CreateCommand())
        {
            release.CommandText = "ROLLBACK";
            await release.ExecuteNonQueryAsync(Timeout);
        }

        AssertSuccess(await backend.UploadAsync(upload));
        await AssertRowAsync(Lists, "l0", ("name", "patched"), ("owner_id", null), ("created_at", null));
        Assert.Equal(1, await CountAsync(Todos));
    }

    private static MySqlConformanceDatabase Create() => new()
    {
        ProviderDataSource = new SessionSettingDataSource(MySqlConformanceDatabase.DataSource, "SET SESSION innodb_lock_wait_timeout = 1"),
    };
}

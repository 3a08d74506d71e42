using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Results;

namespace PowerSync.Backend.Postgres.Tests;

/// <summary>The cached catalog follows the database when it changes under a running backend.</summary>
public sealed class PostgresSchemaChangeTests
{
    [Fact]
    public async Task A_column_dropped_after_caching_is_refused_then_the_catalog_reloads()
    {
        var schema = "change_" + Guid.NewGuid().ToString("N")[..10];
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        await ExecuteAsync(dataSource, $"CREATE SCHEMA {schema}; CREATE TABLE {schema}.notes (id text PRIMARY KEY, body text, extra text)");
        try
        {
            var services = new ServiceCollection();
            services.AddPowerSyncBackend(b => b
                .Configure(o => o.Retry.MaxRetries = 0)
                .UsePostgres(dataSource, o => { o.Schema = schema; o.LedgerSchema = schema + "_ledger"; o.SchemaRefreshInterval = TimeSpan.Zero; }));
            await using var provider = services.BuildServiceProvider();

            Assert.Equal(TransactionStatus.Success, await PutAsync(provider, "a", "extra"));
            await ExecuteAsync(dataSource, $"ALTER TABLE {schema}.notes DROP COLUMN extra");

            // The cache still lists the column: the server refuses it (42703) and the cache is marked stale.
            var refused = await ProcessAsync(provider, "b", "extra");
            Assert.Equal(ErrorCodes.SchemaMismatch, refused.FailedOperation!.ErrorCode);

            // Reloaded: the column is now unknown before any SQL, and a write without it succeeds.
            Assert.Equal(ErrorCodes.SchemaMismatch, (await ProcessAsync(provider, "c", "extra")).FailedOperation!.ErrorCode);
            Assert.Equal(TransactionStatus.Success, await PutAsync(provider, "d", "body"));
        }
        finally
        {
            await ExecuteAsync(dataSource, $"DROP SCHEMA {schema} CASCADE; DROP SCHEMA IF EXISTS {schema}_ledger CASCADE");
        }
    }

    [Fact]
    public async Task RefreshSchemaAsync_makes_a_new_table_writable_at_once()
    {
        var schema = "change_" + Guid.NewGuid().ToString("N")[..10];
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        await ExecuteAsync(dataSource, $"CREATE SCHEMA {schema}; CREATE TABLE {schema}.notes (id text PRIMARY KEY, body text)");
        try
        {
            var services = new ServiceCollection();
            services.AddPowerSyncBackend(b => b.UsePostgres(dataSource, o => { o.Schema = schema; o.LedgerSchema = schema + "_ledger"; o.SchemaRefreshInterval = TimeSpan.FromHours(1); }));
            await using var provider = services.BuildServiceProvider();
            Assert.Equal(TransactionStatus.Success, await PutAsync(provider, "a", "body"));

            await ExecuteAsync(dataSource, $"CREATE TABLE {schema}.later (id text PRIMARY KEY, body text)");
            await provider.GetRequiredService<PostgresStore>().RefreshSchemaAsync(CancellationToken.None);

            Assert.Equal(TransactionStatus.Success, (await ProcessAsync(provider, "x", "body", "later")).Status);
        }
        finally
        {
            await ExecuteAsync(dataSource, $"DROP SCHEMA {schema} CASCADE; DROP SCHEMA IF EXISTS {schema}_ledger CASCADE");
        }
    }

    private static async Task<TransactionStatus> PutAsync(ServiceProvider provider, string id, string column) =>
        (await ProcessAsync(provider, id, column)).Status;

    private static async Task<TransactionResult> ProcessAsync(ServiceProvider provider, string id, string column, string table = "notes")
    {
        var entry = new CrudEntry(CrudOperation.Put, table, id) { Data = CrudData.Create([new(column, CrudValue.FromText("v"))]) };
        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IUploadProcessor>()
            .ProcessAsync(new CrudUpload("u", null, [new CrudTransaction(null, [entry])]), CancellationToken.None);
        return Assert.Single(result.Results);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.Postgres.Tests;

public sealed class PostgresSmokeTests
{
    [Fact]
    public async Task Corpus_upload_applies_once_against_the_real_server()
    {
        var schema = "smoke_" + Guid.NewGuid().ToString("N")[..10];
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        await using (var create = dataSource.CreateCommand($"""
            CREATE SCHEMA {schema};
            CREATE TABLE {schema}.lists (id uuid PRIMARY KEY, created_at timestamptz, name text NOT NULL, owner_id uuid);
            CREATE TABLE {schema}.todos (id uuid PRIMARY KEY, created_at timestamptz, completed_at timestamptz, description text, completed boolean, created_by uuid, completed_by uuid,
                list_id uuid REFERENCES {schema}.lists (id), photo_id text, json_attributes jsonb, estimate_hours numeric, revision bigint);
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        var services = new ServiceCollection();
        services.AddPowerSyncBackend(b => b.UsePostgres(dataSource, o => { o.Schema = schema; o.LedgerSchema = schema + "_ledger"; }));
        await using var provider = services.BuildServiceProvider();
        var body = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Corpus", "reference-transactions.json"));
        var upload = provider.GetRequiredService<CrudUploadParser>().Parse(body).ToUpload("u1", "c1");
        for (var round = 0; round < 2; round++)
        {
            await using var scope = provider.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IUploadProcessor>().ProcessAsync(upload, CancellationToken.None);
            Assert.All(result.Results, r => Assert.Equal(TransactionStatus.Success, r.Status));
            Assert.Equal(round == 1, result.Results.All(r => r.IsDuplicate));
        }

        await using var read = dataSource.CreateCommand($"SELECT id::text, completed, json_attributes->'nested'->>'ok', estimate_hours::text, photo_id FROM {schema}.todos ORDER BY id");
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("c0000000-0000-4000-8000-000000000001", reader.GetString(0));
        Assert.True(reader.GetBoolean(1));
        Assert.Equal("true", reader.GetString(2));
        Assert.Equal("1.25", reader.GetString(3));
        Assert.True(reader.IsDBNull(4));
        Assert.True(await reader.ReadAsync());
        Assert.Equal("c0000000-0000-4000-8000-000000000003", reader.GetString(0));
        Assert.False(await reader.ReadAsync());
    }
}

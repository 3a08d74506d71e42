using System.Data;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.SqlServer.Schema;
using PowerSync.Backend.Testing;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.SqlServer.Tests.Recording;

/// <summary>
/// The whole store (migrations, catalog, ledger lock with the session context, set-based statements with the ledger
/// advance, commit) driven through the upload pipeline over a recording driver: what SQL Server would receive, in order.
/// </summary>
public sealed class SqlServerStoreTests
{
    [Fact]
    public async Task An_upload_migrates_reads_the_catalog_locks_the_ledger_and_applies_everything_in_one_command_then_commits()
    {
        var source = new RecordingDataSource(Respond);
        await using var services = Build(source);

        var result = await UploadAsync(services, Tx(5, Put("todos", "t1", ("description", "milk"), ("completed", 1)), Patch("todos", "t1", ("completed", 0))));

        Assert.True(result.AllSucceeded);
        var texts = source.Commands.Select(c => c.Text).ToList();
        Assert.StartsWith("DECLARE @lock int; EXEC @lock = sp_getapplock", texts[0], StringComparison.Ordinal);
        Assert.Equal("SELECT version FROM [powersync].schema_migrations", texts[1]);
        Assert.EndsWith("INSERT INTO [powersync].schema_migrations (version) VALUES (1);", texts[2], StringComparison.Ordinal);
        Assert.EndsWith("INSERT INTO [powersync].schema_migrations (version) VALUES (2);", texts[3], StringComparison.Ordinal);
        Assert.Equal("COMMIT", texts[4]);
        // The pipeline reads the ledger position first (without a lock) to skip an applied transaction early.
        Assert.Equal("SELECT last_transaction_id, last_operation_id FROM [powersync].ledger WHERE user_id = @l_user AND client_id = @l_client", texts[5]);
        Assert.False(source.Commands[5].InTransaction);
        Assert.Equal(SqlServerCatalogReader.Query, texts[6]);
        Assert.Equal([("@schema", (object?)"app")], source.Commands[6].Parameters);

        var begin = source.Commands[7];
        Assert.StartsWith("EXEC sp_set_session_context @key = @u_key, @value = @u_value;\nIF NOT EXISTS (SELECT 1 FROM [powersync].ledger WITH (UPDLOCK, HOLDLOCK)", begin.Text, StringComparison.Ordinal);
        Assert.Equal(["@u_key", "@u_value", "@l_user", "@l_client"], begin.Parameters.Select(p => p.Name));
        Assert.True(begin.InTransaction);

        var apply = source.Commands[8];
        Assert.StartsWith("UPDATE t SET [description] = CAST(v.[description] AS nvarchar(max)), [completed] = CAST(v.[completed] AS bit) FROM [app].[todos] AS t WITH (UPDLOCK, SERIALIZABLE)", apply.Text, StringComparison.Ordinal);
        Assert.Contains(";\nUPDATE t SET [completed] = CAST(v.[completed] AS bit) FROM [app].[todos] AS t JOIN OPENJSON(@j1)", apply.Text, StringComparison.Ordinal);
        Assert.EndsWith(";\nUPDATE [powersync].ledger SET last_transaction_id = @a_tx, last_operation_id = @a_op, updated_at = SYSDATETIMEOFFSET() WHERE user_id = @a_user AND client_id = @a_client", apply.Text, StringComparison.Ordinal);
        Assert.Equal(
            [("@j0", (object?)"""[["t1","milk","1"]]"""), ("@j1", """[["t1","0"]]"""), ("@a_user", User), ("@a_client", ClientId), ("@a_tx", 5L), ("@a_op", 5002L)],
            apply.Parameters);
        Assert.Equal("COMMIT", texts[9]);
        Assert.Equal(10, texts.Count);

        var store = services.GetRequiredService<SqlServerStore>();
        Assert.Equal((2L, 4L), (store.Statements, store.RoundTrips));
    }

    [Fact]
    public async Task A_second_upload_reuses_the_migrations_and_the_catalog()
    {
        var source = new RecordingDataSource(Respond);
        await using var services = Build(source);
        await UploadAsync(services, Tx(1, Put("todos", "t1", ("description", "a"))));
        var before = source.Commands.Count;

        await UploadAsync(services, Tx(2, Delete("todos", "t1")));

        var texts = source.Commands.Skip(before).Select(c => c.Text).ToList();
        Assert.Equal(4, texts.Count);
        Assert.StartsWith("SELECT last_transaction_id", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("EXEC sp_set_session_context", texts[1], StringComparison.Ordinal);
        Assert.StartsWith("DELETE t FROM [app].[todos] AS t JOIN OPENJSON(@j0)", texts[2], StringComparison.Ordinal);
        Assert.Equal("COMMIT", texts[3]);
    }

    [Fact]
    public async Task A_unique_violation_of_a_set_based_statement_is_diagnosed_to_its_entry_and_dead_lettered_with_the_ledger_raised()
    {
        // The driver (no DbBatch) does not say which statement failed: the store replays together, then one by one.
        var source = new RecordingDataSource(text => text.Contains("INSERT INTO [app].[todos]", StringComparison.Ordinal) && !text.Contains("dead_letters", StringComparison.Ordinal)
            ? throw RealSqlExceptions.Create(2627, 14)
            : Respond(text));
        await using var services = Build(source);

        var result = await UploadAsync(services, Tx(7, Patch("todos", "t0", ("completed", 1)), Put("todos", "t1", ("description", "x"))));

        var failed = Assert.Single(result.Results).FailedOperation;
        Assert.NotNull(failed);
        Assert.Equal(("UNIQUE_VIOLATION", (int?)1), (failed.ErrorCode, failed.OperationIndex));
        var texts = source.Commands.Select(c => c.Text).ToList();
        Assert.Equal(2, texts.Count(t => t == "ROLLBACK"));
        var letter = source.Commands.Single(c => c.Text.StartsWith("INSERT INTO [powersync].dead_letters", StringComparison.Ordinal));
        Assert.Contains(";\nUPDATE l SET last_transaction_id = CASE WHEN @r_tx", letter.Text, StringComparison.Ordinal);
        Assert.Contains(("@d_code", (object?)"UNIQUE_VIOLATION"), letter.Parameters);
        Assert.Contains(("@r_tx", (object?)7L), letter.Parameters);
        Assert.Equal("COMMIT", texts[^1]);
    }

    /// <summary>Uploads from <see cref="ClientId"/>; <c>Tx</c> numbers op ids transaction id × 1000 + position + 1 (5 → 5001, 5002).</summary>
    private static async Task<Core.Results.UploadResult> UploadAsync(ServiceProvider services, Core.Model.CrudTransaction transaction)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUploadProcessor>().ProcessAsync(Upload(ClientId, transaction), CancellationToken.None);
    }

    private static ServiceProvider Build(RecordingDataSource source)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new TestTimeProvider());
        services.AddLogging();
        services.AddPowerSyncBackend(b => b.UseSqlServer(source, o =>
        {
            o.Schema = "app";
            o.SessionContextKey = "user_id";
        }));
        return services.BuildServiceProvider();
    }

    private static DataTable[] Respond(string text)
    {
        if (text == SqlServerCatalogReader.Query)
        {
            var catalog = new DataTable();
            foreach (var (name, type) in new[] { ("t", typeof(string)), ("c", typeof(string)), ("type", typeof(string)), ("len", typeof(short)), ("p", typeof(byte)), ("s", typeof(byte)), ("nullable", typeof(bool)), ("generated", typeof(bool)), ("default", typeof(bool)), ("key", typeof(bool)), ("keys", typeof(long)), ("json", typeof(bool)) })
            {
                catalog.Columns.Add(name, type);
            }

            catalog.Rows.Add("todos", "id", "nvarchar", (short)200, (byte)0, (byte)0, false, false, false, true, 1L, false);
            catalog.Rows.Add("todos", "description", "nvarchar", (short)-1, (byte)0, (byte)0, true, false, false, false, 1L, false);
            catalog.Rows.Add("todos", "completed", "bit", (short)1, (byte)1, (byte)0, true, false, false, false, 1L, false);
            return [catalog];
        }

        if (text.StartsWith("SELECT version FROM", StringComparison.Ordinal))
        {
            var versions = new DataTable();
            versions.Columns.Add("version", typeof(int));
            return [versions];
        }

        if (text.Contains("SELECT last_transaction_id, last_operation_id FROM", StringComparison.Ordinal))
        {
            var ledger = new DataTable();
            ledger.Columns.Add("last_transaction_id", typeof(long));
            ledger.Columns.Add("last_operation_id", typeof(long));
            ledger.Rows.Add(DBNull.Value, DBNull.Value);
            return [ledger];
        }

        return [];
    }
}

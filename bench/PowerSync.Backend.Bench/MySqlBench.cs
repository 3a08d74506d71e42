using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Wire;
using PowerSync.Backend.MySql;
using PowerSync.Backend.MySql.TestDriver;

namespace PowerSync.Backend.Bench;

/// <summary>
/// The same workload against the local MariaDB (scripts/db/mariadb.sh) through the test-only driver: the pipeline,
/// one statement per entry, and one multi-row INSERT per table of the inserted rows (the floor; no LOAD DATA).
/// </summary>
internal static class MySqlBench
{
    private const int Runs = 3;

    public static async Task<string?> RunAsync(IReadOnlyList<CrudTransaction> transactions, byte[] body)
    {
        var connectionString = Environment.GetEnvironmentVariable("POWERSYNC_TEST_MYSQL") is { Length: > 0 } configured && !configured.Contains("://", StringComparison.Ordinal)
            ? configured
            : "Server=127.0.0.1;Port=33069;User ID=powersync;Password=powersync;Database=powersync_test;Connection Timeout=3";
        await using var dataSource = new MariaDbDataSource(connectionString);
        try
        {
            await using var probe = await dataSource.OpenConnectionAsync();
        }
        catch (MariaDbException exception)
        {
            Console.WriteLine($"MySQL bench skipped: MariaDB is not reachable ({exception.Number}).");
            return null;
        }

        var entries = transactions.Sum(t => t.Entries.Count);
        var run = 0;
        async Task<string> FreshAsync()
        {
            var name = $"bench_{Environment.ProcessId}_{run++}";
            await ExecAsync(dataSource, $"DROP DATABASE IF EXISTS `{name}`; CREATE DATABASE `{name}`; " + Schema(name));
            return name;
        }

        async Task<(double Ms, long RoundTrips, long Allocated)> PipelineAsync()
        {
            var database = await FreshAsync();
            var services = new ServiceCollection();
            services.AddPowerSyncBackend(b => b.UseMySql(dataSource, o => { o.Database = database; o.LedgerDatabase = "bench_ledger"; }));
            await using var provider = services.BuildServiceProvider();
            var store = provider.GetRequiredService<MySqlStore>();
            var parser = provider.GetRequiredService<CrudUploadParser>();
            await store.GetPositionAsync(new("warm", "up"), CancellationToken.None);
            await store.RefreshSchemaAsync(CancellationToken.None); // catalog and server detection outside the timing

            var roundTrips = store.RoundTrips;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            await using var scope = provider.CreateAsyncScope();
            var upload = parser.Parse(body).ToUpload("bench-user", $"client-{database}");
            var result = await scope.ServiceProvider.GetRequiredService<IUploadProcessor>().ProcessAsync(upload, CancellationToken.None);
            clock.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            if (!result.AllSucceeded)
            {
                throw new InvalidOperationException("The MySQL pipeline did not apply the upload: " + string.Join(", ", result.Results.Select(r => r.FailedOperation?.Message ?? r.Message)));
            }

            await ExecAsync(dataSource, $"DROP DATABASE `{database}`");
            return (clock.Elapsed.TotalMilliseconds, store.RoundTrips - roundTrips, allocated);
        }

        async Task<double> PerEntryAsync()
        {
            var database = await FreshAsync();
            await using var connection = await dataSource.OpenConnectionAsync();
            var clock = Stopwatch.StartNew();
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                foreach (var entry in transactions.SelectMany(t => t.Entries))
                {
                    await using var command = PerEntry(connection, (MariaDbTransaction)transaction, database, entry);
                    await command.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            }

            clock.Stop();
            await ExecAsync(dataSource, $"DROP DATABASE `{database}`");
            return clock.Elapsed.TotalMilliseconds;
        }

        async Task<double> MultiRowInsertAsync()
        {
            var database = await FreshAsync();
            var puts = transactions.SelectMany(t => t.Entries).Where(e => e.Operation == CrudOperation.Put).ToList();
            await using var connection = await dataSource.OpenConnectionAsync();
            var clock = Stopwatch.StartNew();
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                foreach (var table in new[] { "lists", "todos", "comments" })
                {
                    var rows = puts.Where(e => e.Table == table).ToList();
                    var columns = rows[0].Data.Keys.ToArray();
                    await using var command = new MariaDbCommand { Connection = connection, Transaction = (MariaDbTransaction)transaction };
                    var sql = new StringBuilder($"INSERT INTO `{database}`.{table} (id, {string.Join(", ", columns)}) VALUES ");
                    var n = 0;
                    foreach (var row in rows)
                    {
                        sql.Append(n == 0 ? "(" : ", (").Append("@v").Append(n);
                        command.Parameters.AddWithValue("v" + n++, row.Id);
                        foreach (var column in columns)
                        {
                            sql.Append(", @v").Append(n);
                            command.Parameters.AddWithValue("v" + n++, Value(column, row.Data[column]));
                        }

                        sql.Append(')');
                    }

                    command.CommandText = sql.ToString();
                    await command.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            }

            clock.Stop();
            await ExecAsync(dataSource, $"DROP DATABASE `{database}`");
            return clock.Elapsed.TotalMilliseconds;
        }

        await PipelineAsync();
        await PerEntryAsync();
        await MultiRowInsertAsync();
        var pipelineRuns = new List<(double Ms, long RoundTrips, long Allocated)>();
        var perEntryRuns = new List<double>();
        var floorRuns = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            pipelineRuns.Add(await PipelineAsync());
            perEntryRuns.Add(await PerEntryAsync());
            floorRuns.Add(await MultiRowInsertAsync());
        }

        var pipeline = pipelineRuns.OrderBy(r => r.Ms).ElementAt(Runs / 2);
        var perEntry = perEntryRuns.Order().ElementAt(Runs / 2);
        var floor = floorRuns.Order().ElementAt(Runs / 2);
        string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
        Console.WriteLine($"MySQL (MariaDB, test driver) pipeline: {F(pipeline.Ms)} ms median of {Runs}, {pipeline.RoundTrips} round trips; per entry: {F(perEntry)} ms; one multi-row INSERT per table (floor): {F(floor)} ms; pipeline / floor = {F(pipeline.Ms / floor)}×");
        return FormattableString.Invariant($"RESULT bench=mysql entries={entries} pipeline_ms={pipeline.Ms:F1} per_entry_ms={perEntry:F1} copy_ms={floor:F1} round_trips={pipeline.RoundTrips} alloc_bytes_per_entry={pipeline.Allocated / entries}");
    }

    private static string Schema(string name) => $"""
        CREATE TABLE `{name}`.lists (id CHAR(36) PRIMARY KEY, name TEXT NOT NULL, owner_id TEXT, created_at TIMESTAMP(6) NULL) ENGINE=InnoDB;
        CREATE TABLE `{name}`.todos (id CHAR(36) PRIMARY KEY, list_id CHAR(36) NOT NULL, description TEXT, completed TINYINT(1) NOT NULL DEFAULT 0, created_at TIMESTAMP(6) NULL, completed_at TIMESTAMP(6) NULL,
            FOREIGN KEY (list_id) REFERENCES `{name}`.lists (id)) ENGINE=InnoDB;
        CREATE TABLE `{name}`.comments (id CHAR(36) PRIMARY KEY, todo_id CHAR(36) NOT NULL, body TEXT, FOREIGN KEY (todo_id) REFERENCES `{name}`.todos (id)) ENGINE=InnoDB;
        """;

    private static object Value(string column, CrudValue value) => column switch
    {
        "completed" => value.AsInteger(),
        "created_at" or "completed_at" => DateTimeOffset.Parse(value.AsText(), CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        _ => value.AsText(),
    };

    private static MariaDbCommand PerEntry(MariaDbConnection connection, MariaDbTransaction transaction, string database, CrudEntry entry)
    {
        var command = new MariaDbCommand { Connection = connection, Transaction = transaction };
        command.Parameters.AddWithValue("id", entry.Id);
        var columns = entry.Data.Keys.ToArray();
        foreach (var column in columns)
        {
            command.Parameters.AddWithValue(column, Value(column, entry.Data[column]));
        }

        var table = $"`{database}`.{entry.Table}";
        command.CommandText = entry.Operation switch
        {
            CrudOperation.Put => $"INSERT INTO {table} (id, {string.Join(", ", columns)}) VALUES (@id, {string.Join(", ", columns.Select(c => "@" + c))}) ON DUPLICATE KEY UPDATE {string.Join(", ", columns.Select(c => $"{c} = VALUE({c})"))}",
            CrudOperation.Patch => $"UPDATE {table} SET {string.Join(", ", columns.Select(c => $"{c} = @{c}"))} WHERE id = @id",
            _ => $"DELETE FROM {table} WHERE id = @id",
        };
        return command;
    }

    private static async Task ExecAsync(MariaDbDataSource dataSource, string sql)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

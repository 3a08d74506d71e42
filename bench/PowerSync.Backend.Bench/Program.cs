// Applies a 10,000-entry upload (PUT/PATCH/DELETE over three tables with foreign keys) three ways against
// the local PostgreSQL: through the whole pipeline, one statement per entry as typical backends do, and a
// binary COPY of the same rows (the floor). Prints the figures and a RESULT line; then, when the local MariaDB is
// reachable, the same three ways against it (MySqlBench) and a second, last RESULT line (bench=mysql).
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using PowerSync.Backend.Bench;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Core.Wire;
using PowerSync.Backend.Postgres;

const int Runs = 3;
var connectionString = Environment.GetEnvironmentVariable("POWERSYNC_TEST_POSTGRES") is { Length: > 0 } configured
    ? configured
    : "Host=127.0.0.1;Port=54329;Username=powersync;Password=powersync;Database=powersync_test";
await using var dataSource = NpgsqlDataSource.Create(connectionString);
var transactions = Workload.Create();
var entries = transactions.Sum(t => t.Entries.Count);
var body = CrudJsonWriter.ToUtf8Bytes(transactions, clientId: "bench-client");
var run = 0;

async Task<string> FreshSchemaAsync()
{
    var name = $"bench_{Environment.ProcessId}_{run++}";
    await using var create = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {name} CASCADE; " + Workload.Schema(name));
    await create.ExecuteNonQueryAsync();
    return name;
}

async Task DropAsync(string schema)
{
    await using var drop = dataSource.CreateCommand($"DROP SCHEMA {schema} CASCADE");
    await drop.ExecuteNonQueryAsync();
}

async Task<(double Ms, long Statements, long RoundTrips, long Allocated)> PipelineAsync()
{
    var schema = await FreshSchemaAsync();
    var services = new ServiceCollection();
    services.AddPowerSyncBackend(b => b.UsePostgres(dataSource, o => { o.Schema = schema; o.LedgerSchema = "bench_ledger"; }));
    await using var provider = services.BuildServiceProvider();
    var store = provider.GetRequiredService<PostgresStore>();
    var parser = provider.GetRequiredService<CrudUploadParser>();
    await store.GetPositionAsync(new("warm", "up"), CancellationToken.None); // migrations and catalog outside the timing

    var roundTrips = store.RoundTrips;
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    await using var scope = provider.CreateAsyncScope();
    var upload = parser.Parse(body).ToUpload("bench-user", $"client-{schema}");
    var result = await scope.ServiceProvider.GetRequiredService<IUploadProcessor>().ProcessAsync(upload, CancellationToken.None);
    clock.Stop();
    allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    if (!result.AllSucceeded)
    {
        throw new InvalidOperationException("The pipeline did not apply the upload: " + string.Join(", ", result.Results.Select(r => r.FailedOperation?.Message ?? r.Message)));
    }

    await DropAsync(schema);
    return (clock.Elapsed.TotalMilliseconds, store.Statements, store.RoundTrips - roundTrips, allocated);
}

async Task<double> PerEntryAsync()
{
    var schema = await FreshSchemaAsync();
    await using var connection = await dataSource.OpenConnectionAsync();
    var clock = Stopwatch.StartNew();
    await using (var transaction = await connection.BeginTransactionAsync())
    {
        foreach (var entry in transactions.SelectMany(t => t.Entries))
        {
            await using var command = PerEntryCommand(connection, schema, entry);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    clock.Stop();
    await DropAsync(schema);
    return clock.Elapsed.TotalMilliseconds;
}

async Task<double> CopyAsync()
{
    var schema = await FreshSchemaAsync();
    var puts = transactions.SelectMany(t => t.Entries).Where(e => e.Operation == CrudOperation.Put).ToList();
    await using var connection = await dataSource.OpenConnectionAsync();
    var clock = Stopwatch.StartNew();
    await using (var transaction = await connection.BeginTransactionAsync())
    {
        foreach (var table in new[] { "lists", "todos", "comments" })
        {
            var rows = puts.Where(e => e.Table == table).ToList();
            var columns = rows[0].Data.Keys.ToArray();
            await using var importer = await connection.BeginBinaryImportAsync($"COPY {schema}.{table} (id, {string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(Guid.Parse(row.Id), NpgsqlDbType.Uuid);
                foreach (var column in columns)
                {
                    await WriteCopyValueAsync(importer, column, row.Data[column]);
                }
            }

            await importer.CompleteAsync();
        }

        await transaction.CommitAsync();
    }

    clock.Stop();
    await DropAsync(schema);
    return clock.Elapsed.TotalMilliseconds;
}

(double Ms, long Allocated) ParseOnly()
{
    var parser = new CrudUploadParser(new UploadLimits());
    parser.Parse(body);
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    parser.Parse(body);
    clock.Stop();
    return (clock.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
}

Console.WriteLine($"Workload: {entries} entries in {transactions.Count} client transactions over lists, todos, comments (foreign keys); {body.Length / 1024} KiB request body");
await PipelineAsync();
await PerEntryAsync();
await CopyAsync();

var pipelineRuns = new List<(double Ms, long Statements, long RoundTrips, long Allocated)>();
var perEntryRuns = new List<double>();
var copyRuns = new List<double>();
for (var i = 0; i < Runs; i++)
{
    pipelineRuns.Add(await PipelineAsync());
    perEntryRuns.Add(await PerEntryAsync());
    copyRuns.Add(await CopyAsync());
}

var pipeline = pipelineRuns.OrderBy(r => r.Ms).ElementAt(Runs / 2);
var perEntry = perEntryRuns.Order().ElementAt(Runs / 2);
var copy = copyRuns.Order().ElementAt(Runs / 2);
var allocationPerEntry = pipeline.Allocated / entries;
var sameTableRuns = transactions.Sum(t => t.Entries.Select((e, i) => i == 0 || e.Table != t.Entries[i - 1].Table || e.Operation != t.Entries[i - 1].Operation).Count(start => start));

string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
var parse = ParseOnly();
Console.WriteLine($"of which parsing alone: {F(parse.Ms)} ms, {parse.Allocated / entries} bytes allocated per entry");
Console.WriteLine($"pipeline   (parse → hooks → apply → ledger): {F(pipeline.Ms)} ms median of {Runs}; {pipeline.Statements} data statements and {pipeline.RoundTrips} round trips for {sameTableRuns} same-table-same-operation runs; {allocationPerEntry} bytes allocated per entry");
Console.WriteLine($"per entry  (one upsert/update/delete per entry, one transaction): {F(perEntry)} ms median of {Runs}; {entries} statements, {entries + 2} round trips");
Console.WriteLine($"binary COPY of the {transactions.SelectMany(t => t.Entries).Count(e => e.Operation == CrudOperation.Put)} inserted rows (floor): {F(copy)} ms median of {Runs}");
Console.WriteLine($"pipeline / COPY = {F(pipeline.Ms / copy)}× (goal ≤ 2.5×); per-entry / pipeline = {F(perEntry / pipeline.Ms)}× (goal ≥ 8×); round trips ≤ runs + constant: {pipeline.RoundTrips} vs {sameTableRuns}; alloc goal < 2048 B/entry");
Console.WriteLine(FormattableString.Invariant($"RESULT bench=postgres entries={entries} pipeline_ms={pipeline.Ms:F1} per_entry_ms={perEntry:F1} copy_ms={copy:F1} round_trips={pipeline.RoundTrips} alloc_bytes_per_entry={allocationPerEntry}"));
if (await MySqlBench.RunAsync(transactions, body) is { } mysqlResult)
{
    Console.WriteLine(mysqlResult);
}

static NpgsqlCommand PerEntryCommand(NpgsqlConnection connection, string schema, CrudEntry entry)
{
    var command = new NpgsqlCommand { Connection = connection };
    command.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(entry.Id) });
    var columns = entry.Data.Keys.ToArray();
    foreach (var column in columns)
    {
        command.Parameters.Add(PerEntryParameter(column, entry.Data[column]));
    }

    var placeholders = columns.Select((c, i) => $"${i + 2}").ToArray();
    command.CommandText = entry.Operation switch
    {
        CrudOperation.Put => $"INSERT INTO {schema}.{entry.Table} (id, {string.Join(", ", columns)}) VALUES ($1, {string.Join(", ", placeholders)}) ON CONFLICT (id) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = EXCLUDED.{c}"))}",
        CrudOperation.Patch => $"UPDATE {schema}.{entry.Table} SET {string.Join(", ", columns.Select((c, i) => $"{c} = {placeholders[i]}"))} WHERE id = $1",
        _ => $"DELETE FROM {schema}.{entry.Table} WHERE id = $1",
    };
    return command;
}

static NpgsqlParameter PerEntryParameter(string column, CrudValue value) => column switch
{
    "completed" => new NpgsqlParameter { Value = value.AsInteger() == 1 },
    "list_id" or "todo_id" => new NpgsqlParameter { Value = Guid.Parse(value.AsText()) },
    "created_at" or "completed_at" => new NpgsqlParameter { Value = DateTimeOffset.Parse(value.AsText(), CultureInfo.InvariantCulture).UtcDateTime },
    _ => new NpgsqlParameter { Value = value.AsText() },
};

static async Task WriteCopyValueAsync(NpgsqlBinaryImporter importer, string column, CrudValue value)
{
    switch (column)
    {
        case "completed":
            await importer.WriteAsync(value.AsInteger() == 1, NpgsqlDbType.Boolean);
            break;
        case "list_id" or "todo_id":
            await importer.WriteAsync(Guid.Parse(value.AsText()), NpgsqlDbType.Uuid);
            break;
        case "created_at" or "completed_at":
            await importer.WriteAsync(DateTimeOffset.Parse(value.AsText(), CultureInfo.InvariantCulture).UtcDateTime, NpgsqlDbType.TimestampTz);
            break;
        default:
            await importer.WriteAsync(value.AsText(), NpgsqlDbType.Text);
            break;
    }
}

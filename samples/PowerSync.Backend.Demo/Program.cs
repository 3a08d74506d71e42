// The pipeline demo: replays a real PowerSync client upload through the full pipeline (parse, hooks,
// ledger, apply, results) against the in-memory store, then re-sends it to show exactly-once delivery.
// Usage: dotnet run --project samples/PowerSync.Backend.Demo [request.json]
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Wire;
using PowerSync.Backend.Testing;

var path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "Corpus", "reference-transactions.json");
var body = await File.ReadAllBytesAsync(path);

var services = new ServiceCollection();
services.AddPowerSyncBackend(backend => backend
    .UseInMemory()
    .Table("lists", table => table
        .SetColumn("owner_id", context => CrudValue.FromText(context.UserId)))
    .Table("todos", table => table
        .Authorize(context => context.UserId is not null, "sign in to write todos")
        .RequireColumns("description", "list_id")
        .Validate(context => context.Entry.Data.TryGetValue("description", out var text) && text.Kind == CrudValueKind.Text && text.AsText().Length > 500
            ? EntryVerdict.Invalid("a description has at most 500 characters")
            : EntryVerdict.Accept)));

await using var provider = services.BuildServiceProvider(validateScopes: true);
var parser = provider.GetRequiredService<CrudUploadParser>();
var store = provider.GetRequiredService<InMemoryStore>();

for (var round = 1; round <= 2; round++)
{
    var upload = parser.Parse(body).ToUpload(userId: "a0000000-0000-4000-8000-000000000001", clientId: "demo-client");
    await using var scope = provider.CreateAsyncScope();
    var result = await scope.ServiceProvider.GetRequiredService<IUploadProcessor>().ProcessAsync(upload, CancellationToken.None);
    Console.WriteLine($"Upload {round}: {upload.Transactions.Count} transaction(s) from {path}");
    Console.WriteLine("  results: " + Encoding.UTF8.GetString(CrudJsonWriter.ToUtf8Bytes(result)));
    Console.WriteLine($"  applied now: {result.Results.Count(r => r.Status == PowerSync.Backend.Core.Results.TransactionStatus.Success && !r.IsDuplicate)}, skipped as already applied: {result.Results.Count(r => r.IsDuplicate)}");
}

foreach (var table in new[] { "lists", "todos" })
{
    Console.WriteLine($"Table {table}:");
    foreach (var (id, row) in store.Rows(table).OrderBy(r => r.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"  {id} {row}");
    }
}

Console.WriteLine($"Dead letters: {store.DeadLetters.Count}; attempts: {store.Attempts}; committed transactions: {store.Applied.Count}");

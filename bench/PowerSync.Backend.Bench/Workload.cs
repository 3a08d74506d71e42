using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Bench;

/// <summary>
/// The benchmark upload: 10 client transactions of 1,000 entries over lists → todos → comments (foreign keys),
/// each mixing PUT, PATCH and DELETE the way a busy client's queue does: new lists, their todos and comments,
/// edits to todos and lists, and deleted comments.
/// </summary>
internal static class Workload
{
    public const int Transactions = 10;

    public static IReadOnlyList<CrudTransaction> Create()
    {
        var transactions = new List<CrudTransaction>();
        long operationId = 0;
        for (var t = 0; t < Transactions; t++)
        {
            var entries = new List<CrudEntry>(1000);
            CrudEntry Add(CrudEntry entry) => entry with { OperationId = ++operationId, TransactionId = t + 1 };
            for (var i = 0; i < 100; i++)
            {
                entries.Add(Add(new CrudEntry(CrudOperation.Put, "lists", ListId(t, i)) { Data = Row(("name", Text($"List {t}-{i}")), ("owner_id", Text("user-1")), ("created_at", Text("2025-01-01T10:00:00.000Z"))) }));
            }

            for (var i = 0; i < 400; i++)
            {
                entries.Add(Add(new CrudEntry(CrudOperation.Put, "todos", TodoId(t, i)) { Data = Row(("list_id", Text(ListId(t, i % 100))), ("description", Text($"Todo {t}-{i}: buy milk and eggs")), ("completed", CrudValue.FromInteger(0)), ("created_at", Text("2025-01-01T10:01:00.000Z"))) }));
            }

            for (var i = 0; i < 200; i++)
            {
                entries.Add(Add(new CrudEntry(CrudOperation.Put, "comments", CommentId(t, i)) { Data = Row(("todo_id", Text(TodoId(t, i))), ("body", Text($"Comment {i}"))) }));
            }

            for (var i = 0; i < 200; i++)
            {
                entries.Add(Add(new CrudEntry(CrudOperation.Patch, "todos", TodoId(t, i)) { Data = Row(("completed", CrudValue.FromInteger(1)), ("completed_at", Text("2025-01-02T09:00:00.000Z"))) }));
            }

            for (var i = 0; i < 50; i++)
            {
                entries.Add(Add(new CrudEntry(CrudOperation.Delete, "comments", CommentId(t, i))));
            }

            for (var i = 0; i < 50; i++)
            {
                entries.Add(Add(new CrudEntry(CrudOperation.Patch, "lists", ListId(t, i)) { Data = Row(("name", Text($"Renamed {t}-{i}"))) }));
            }

            transactions.Add(new CrudTransaction(t + 1, entries));
        }

        return transactions;
    }

    public static string Schema(string name) => $"""
        CREATE SCHEMA {name};
        CREATE TABLE {name}.lists (id uuid PRIMARY KEY, name text NOT NULL, owner_id text, created_at timestamptz);
        CREATE TABLE {name}.todos (id uuid PRIMARY KEY, list_id uuid NOT NULL REFERENCES {name}.lists (id), description text, completed boolean NOT NULL DEFAULT false, created_at timestamptz, completed_at timestamptz);
        CREATE TABLE {name}.comments (id uuid PRIMARY KEY, todo_id uuid NOT NULL REFERENCES {name}.todos (id), body text);
        """;

    private static CrudValue Text(string text) => CrudValue.FromText(text);

    private static CrudData Row(params (string Column, CrudValue Value)[] columns) =>
        CrudData.Create(columns.Select(c => new KeyValuePair<string, CrudValue>(c.Column, c.Value)));

    private static string ListId(int t, int i) => Guid(1, t, i);

    private static string TodoId(int t, int i) => Guid(2, t, i);

    private static string CommentId(int t, int i) => Guid(3, t, i);

    private static string Guid(int kind, int t, int i) => $"{kind:x8}-0000-4000-8000-{t:x4}{i:x8}";
}

using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>Many clients at once: every transaction stays atomic and the result is one of the serial orders.</summary>
public abstract class ConcurrencyConformance : ConformanceSuite
{
    private const int Clients = 8;
    private const int TransactionsPerClient = 3;
    private static readonly string[] SharedLists = ["s1", "s2", "s3", "s4"];

    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected ConcurrencyConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task Many_clients_writing_overlapping_rows_all_succeed_and_end_in_a_serial_order()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Upload("seed", Tx(1, SharedLists.Select(id => Put(Lists, id, ("name", "seed"))).ToArray()))));

        // Each transaction rewrites every shared row with its own tag and adds a todo of its own; a client
        // uploads its transactions one request at a time, in queue order, as PowerSync clients do.
        await ConcurrentlyAsync(Clients, async c =>
        {
            for (var t = 1; t <= TransactionsPerClient; t++)
            {
                var tag = $"c{c}:{t}";
                var entries = SharedLists.Select(id => Put(Lists, id, ("name", tag), ("owner_id", $"c{c}")))
                    .Append(Put(Todos, $"todo-{tag}", ("list_id", SharedLists[(c + t) % SharedLists.Length]), ("description", tag)))
                    .Append(Patch(Lists, SharedLists[0], ("created_at", $"2025-01-01T00:00:{c:00}Z")))
                    .ToArray();
                AssertSuccess(await backend.UploadAsync(Upload($"client-{c}", Tx(t, entries))));
            }

            return c;
        });

        // The last transaction to commit wrote every shared row: they all carry its tag, which is the last
        // of its client, since a client's transactions commit in queue order.
        var rows = new List<(string Name, string? Owner)>();
        foreach (var id in SharedLists)
        {
            var row = await AssertRowAsync(Lists, id);
            rows.Add((row["name"].AsText(), row["owner_id"].IsNull ? null : row["owner_id"].AsText()));
        }

        var last = rows[0];
        Assert.All(rows, r => Assert.Equal(last, r));
        Assert.EndsWith($":{TransactionsPerClient}", last.Name, StringComparison.Ordinal);
        Assert.StartsWith(last.Owner + ":", last.Name, StringComparison.Ordinal);
        var client = last.Owner![1..];
        await AssertRowAsync(Lists, SharedLists[0], ("created_at", $"2025-01-01T00:00:{int.Parse(client, System.Globalization.CultureInfo.InvariantCulture):00}Z"));
        Assert.Equal(Clients * TransactionsPerClient, await CountAsync(Todos));
        Assert.Empty(await DeadLettersAsync());
    }

    [Fact]
    public async Task Clients_writing_the_same_rows_in_opposite_orders_all_succeed_and_stay_atomic()
    {
        // Opposite lock orders can deadlock; the database breaks the cycle and the loser is retried.
        var backend = Start(pipeline: b => b.Configure(o => o.Retry.MaxRetries = 10));
        AssertSuccess(await backend.UploadAsync(Upload("seed", Tx(1, SharedLists.Select(id => Put(Lists, id, ("name", "seed"))).ToArray()))));

        await ConcurrentlyAsync(4, async c =>
        {
            for (var t = 1; t <= 3; t++)
            {
                var order = c % 2 == 0 ? SharedLists : SharedLists.Reverse().ToArray();
                AssertSuccess(await backend.UploadAsync(Upload($"client-{c}", Tx(t, order.Select(id => Patch(Lists, id, ("name", $"c{c}:{t}"))).ToArray()))));
            }

            return c;
        });

        var names = new List<string>();
        foreach (var id in SharedLists)
        {
            names.Add((await AssertRowAsync(Lists, id))["name"].AsText());
        }

        Assert.Single(names.Distinct(StringComparer.Ordinal));
        Assert.EndsWith(":3", names[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_inserts_of_the_same_new_row_by_many_clients_all_succeed()
    {
        var backend = Start();

        var results = await ConcurrentlyAsync(Clients, c =>
            backend.UploadAsync(Upload($"client-{c}", Tx(1, Put(Lists, "fresh", ("name", $"c{c}")), Put(Todos, $"t{c}", ("list_id", "fresh"))))));

        Assert.All(results, AssertSuccess);
        Assert.Equal(1, await CountAsync(Lists));
        Assert.Equal(Clients, await CountAsync(Todos));
    }

    [Fact]
    public async Task Concurrent_patches_of_different_columns_of_one_row_all_land()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Upload("seed", Tx(1, Put(Lists, "l1", ("name", "seed")), Put(Todos, "t1", ("list_id", "l1"))))));

        string[] columns = ["description", "completed", "version", "updated_at"];
        object[] values = ["d", true, 5, "2025-06-01T00:00:00Z"];
        var results = await ConcurrentlyAsync(columns.Length, i =>
            backend.UploadAsync(Upload($"client-{i}", Tx(1, Patch(Todos, "t1", (columns[i], values[i]))))));

        Assert.All(results, AssertSuccess);
        await AssertRowAsync(Todos, "t1", ("description", "d"), ("completed", true), ("version", 5), ("updated_at", "2025-06-01T00:00:00Z"));
    }
}

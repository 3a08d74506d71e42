using Npgsql;
using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Postgres.Tests.Conformance;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Postgres.Tests;

/// <summary>What the provider stores in its own tables: the ledger and the dead letters.</summary>
public sealed class PostgresLedgerTablesTests : ConformanceSuite
{
    private readonly PostgresConformanceDatabase _database;

    public PostgresLedgerTablesTests()
        : this(new PostgresConformanceDatabase())
    {
    }

    private PostgresLedgerTablesTests(PostgresConformanceDatabase database)
        : base(database) => _database = database;

    [Fact]
    public async Task The_ledger_holds_one_row_per_user_and_client_with_the_highest_ids()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(new CrudUpload("alice", "phone", [Tx(5, Put(Lists, "l1", ("name", "a")), Put(Lists, "l2", ("name", "b")))])));
        AssertSuccess(await backend.UploadAsync(new CrudUpload("alice", "phone", [Tx(6, Delete(Lists, "l2"))])));
        AssertSuccess(await backend.UploadAsync(new CrudUpload("bob", "phone", [Batch(Put(Lists, "l3", ("name", "c")) with { OperationId = 9 })])));
        AssertSuccess(await backend.UploadAsync(Upload(null, Tx(1, Put(Lists, "l4", ("name", "d"))))));

        Assert.Equal(
            [("alice", "phone", 6L, 6001L), ("bob", "phone", null, 9L)],
            await QueryAsync($"SELECT user_id, client_id, last_transaction_id, last_operation_id FROM {Ledger("ledger")} ORDER BY user_id", r =>
                (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? (long?)null : r.GetInt64(2), r.GetInt64(3))));
    }

    [Fact]
    public async Task A_dead_letter_keeps_the_transaction_as_sent_with_who_why_where_and_when()
    {
        var backend = Start(pipeline: b => b.Table(Todos, t => t.RenameColumn("list", "list_id")));
        var sent = Tx(6, Put(Todos, "t1", ("list", "nowhere"), ("description", "d")) with { Metadata = "m" }, Delete(Todos, "t0"));

        AssertRefused(await backend.UploadAsync(new CrudUpload("alice", "phone", [sent])), ErrorCodes.ForeignKeyViolation, 0);

        var letter = Assert.Single(await QueryAsync(
            $"SELECT user_id, client_id, transaction_id, error_code, message, operation_index, details IS NULL, occurred_at, transaction = $1::jsonb FROM {Ledger("dead_letters")}",
            r => (r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetBoolean(6), r.GetFieldValue<DateTimeOffset>(7), r.GetBoolean(8)),
            """{"transaction_id":6,"crud":[{"id":"t1","op":"PUT","table":"todos","op_id":6001,"op_data":{"list":"nowhere","description":"d"},"metadata":"m"},{"id":"t0","op":"DELETE","table":"todos","op_id":6002}]}"""));

        // The client's own column name (before mapping), the library's message (never the driver's), the test clock's time.
        Assert.Equal(("alice", "phone", 6L, ErrorCodes.ForeignKeyViolation, "the write violates a foreign key", 0, true, backend.Clock.GetUtcNow(), true), letter);
        Assert.Equal(6L, (await backend.PositionAsync("phone", "alice")).LastTransactionId);
    }

    [Fact]
    public async Task A_dead_letter_stores_NUL_characters_as_replacement_characters()
    {
        var backend = Start();

        var result = await backend.UploadAsync(Tx(1, Put(Lists, "l\0", ("name", "a\0b"), ("not\0here", 1))));

        AssertRefused(result, ErrorCodes.InvalidData, 0);
        Assert.Equal(
            [("l\uFFFD", "a\uFFFDb", true)],
            await QueryAsync(
                $"SELECT transaction->'crud'->0->>'id', transaction->'crud'->0->'op_data'->>'name', transaction->'crud'->0->'op_data' ? 'not\uFFFDhere' FROM {Ledger("dead_letters")}",
                r => (r.GetString(0), r.GetString(1), r.GetBoolean(2))));
    }

    [Fact]
    public async Task A_dead_letter_keeps_escaped_backslashes_that_only_look_like_a_NUL_escape()
    {
        var backend = Start();

        AssertRefused(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "\\u0000 and \\\0")))), ErrorCodes.InvalidData, 0);

        Assert.Equal(
            ["\\u0000 and \\\uFFFD"],
            await QueryAsync($"SELECT transaction->'crud'->0->'op_data'->>'name' FROM {Ledger("dead_letters")}", r => r.GetString(0)));
    }

    private string Ledger(string table) => PostgresConformanceDatabase.Quote(_database.LedgerSchema) + "." + table;

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var command = PostgresConformanceDatabase.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(Timeout);
        while (await reader.ReadAsync(Timeout))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}

using System.Data;
using System.Text.Json;
using Microsoft.Data.SqlClient;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Relational.Sql;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>The exact T-SQL of the ledger, dead-letter, user and conflict-row steps, and the parameters each carries.</summary>
public sealed class SqlServerDialectGoldenTests
{
    private static readonly ClientKey Client = new("user-1", "client-1");

    [Fact]
    public void The_ledger_lock_inserts_a_missing_row_and_reads_it_under_UPDLOCK_HOLDLOCK_in_one_statement()
    {
        var statement = Assert.Single(Dialect().LockLedger(Client));

        Assert.Equal(
            "IF NOT EXISTS (SELECT 1 FROM [ps]].x].ledger WITH (UPDLOCK, HOLDLOCK) WHERE user_id = @l_user AND client_id = @l_client) " +
            "INSERT INTO [ps]].x].ledger (user_id, client_id) VALUES (@l_user, @l_client); " +
            "SELECT last_transaction_id, last_operation_id FROM [ps]].x].ledger WITH (UPDLOCK, HOLDLOCK) WHERE user_id = @l_user AND client_id = @l_client",
            statement.Sql);
        Assert.Equal([("@l_user", "user-1"), ("@l_client", "client-1")], Values(statement));
    }

    [Fact]
    public void The_ledger_position_is_read_without_a_lock()
    {
        var statement = Dialect().ReadPosition(Client);

        Assert.Equal("SELECT last_transaction_id, last_operation_id FROM [ps]].x].ledger WHERE user_id = @l_user AND client_id = @l_client", statement.Sql);
    }

    [Fact]
    public void The_ledger_advance_sets_the_locked_row()
    {
        var statement = Dialect().AdvanceLedger(Client, new LedgerPosition(7, 42));

        Assert.Equal(
            "UPDATE [ps]].x].ledger SET last_transaction_id = @a_tx, last_operation_id = @a_op, updated_at = SYSDATETIMEOFFSET() WHERE user_id = @a_user AND client_id = @a_client",
            statement.Sql);
        Assert.Equal([("@a_user", "user-1"), ("@a_client", "client-1"), ("@a_tx", 7L), ("@a_op", 42L)], Values(statement));
    }

    [Fact]
    public void The_ledger_raise_updates_under_range_locks_then_inserts_and_never_lowers_a_position()
    {
        var statement = Dialect().RaiseLedger(Client, new LedgerPosition(7, null));

        Assert.Equal(
            "UPDATE l SET last_transaction_id = CASE WHEN @r_tx IS NOT NULL AND (l.last_transaction_id IS NULL OR @r_tx > l.last_transaction_id) THEN @r_tx ELSE l.last_transaction_id END, " +
            "last_operation_id = CASE WHEN @r_op IS NOT NULL AND (l.last_operation_id IS NULL OR @r_op > l.last_operation_id) THEN @r_op ELSE l.last_operation_id END, " +
            "updated_at = SYSDATETIMEOFFSET() FROM [ps]].x].ledger AS l WITH (UPDLOCK, SERIALIZABLE) WHERE l.user_id = @r_user AND l.client_id = @r_client; " +
            "IF @@ROWCOUNT = 0 INSERT INTO [ps]].x].ledger (user_id, client_id, last_transaction_id, last_operation_id) VALUES (@r_user, @r_client, @r_tx, @r_op)",
            statement.Sql);
        Assert.Equal([("@r_user", "user-1"), ("@r_client", "client-1"), ("@r_tx", 7L), ("@r_op", null)], Values(statement));
    }

    [Fact]
    public void A_dead_letter_is_one_insert_with_json_kept_as_text()
    {
        var at = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        using var details = JsonDocument.Parse("""{"column":"name"}""");
        var letter = new DeadLetter("user-1", "client-1", Tx(3, Put("todos", "t1")), new FailedOperation("UNIQUE_VIOLATION", "duplicate") { OperationIndex = 0, Details = details.RootElement }, at);

        var statement = Dialect().InsertDeadLetter(letter, """{"transaction_id":3,"crud":[]}""");

        Assert.Equal(
            "INSERT INTO [ps]].x].dead_letters (user_id, client_id, transaction_id, error_code, message, operation_index, details, [transaction], occurred_at) " +
            "VALUES (@d_user, @d_client, @d_tx, @d_code, @d_message, @d_index, @d_details, @d_transaction, @d_at)",
            statement.Sql);
        Assert.Equal(
            [("@d_user", "user-1"), ("@d_client", "client-1"), ("@d_tx", 3L), ("@d_code", "UNIQUE_VIOLATION"), ("@d_message", "duplicate"), ("@d_index", 0),
             ("@d_details", """{"column":"name"}"""), ("@d_transaction", """{"transaction_id":3,"crud":[]}"""), ("@d_at", at)],
            Values(statement));
    }

    [Fact]
    public void The_user_goes_to_SESSION_CONTEXT_only_when_a_key_is_configured()
    {
        Assert.Null(Dialect().SetUser("user-1"));

        var statement = Dialect(o => o.SessionContextKey = "user_id").SetUser("user-1");

        Assert.NotNull(statement);
        Assert.Equal("EXEC sp_set_session_context @key = @u_key, @value = @u_value", statement.Sql);
        Assert.Equal([("@u_key", "user_id"), ("@u_value", "user-1")], Values(statement));
    }

    [Fact]
    public void Conflict_rows_are_read_under_UPDLOCK_HOLDLOCK_with_each_ids_position_and_client_spellings()
    {
        var table = SqlServerStatementGoldenTests.Catalog().Tables["todos"];
        var dialect = Dialect();

        var statement = dialect.SelectRowsForUpdate(table, ["t1", "t2"]);
        var next = dialect.SelectRowsForUpdate(table, ["t3"]);

        Assert.Equal(
            "SELECT CAST(k.[key] AS bigint) + 1 AS i, CONVERT(nvarchar(max), t.[name]) AS [name], t.[done] AS [done], CONVERT(nvarchar(max), t.[note]) AS [note], " +
            "CAST(t.[total] AS bigint) AS [total], CONVERT(nvarchar(max), t.[price]) AS [price], " +
            "CONVERT(nvarchar(30), CAST(SWITCHOFFSET(t.[at], '+00:00') AS datetime2(6)), 126) + N'Z' AS [at], " +
            "JSON_VALUE((SELECT t.[blob] AS b FOR JSON PATH, WITHOUT_ARRAY_WRAPPER), '$.b') AS [blob] " +
            "FROM OPENJSON(@k1) AS k JOIN [app].[todos] AS t WITH (UPDLOCK, HOLDLOCK) ON t.[id] = CAST(k.[value] AS nvarchar(100))",
            statement.Sql);
        Assert.Equal([("@k1", """["t1","t2"]""")], Values(statement));
        Assert.Equal("@k2", Assert.Single(next.Parameters).Name);
    }

    [Fact]
    public void Parameters_are_the_drivers_own_named_and_typed()
    {
        var dialect = Dialect();

        var text = Assert.IsType<SqlParameter>(dialect.CreateParameter(SqlValue.Json("[]", "@j0")));
        var number = dialect.CreateParameter(SqlValue.Int64(null, "@a_tx"));
        var instant = dialect.CreateParameter(SqlValue.Instant(DateTimeOffset.UnixEpoch, "@d_at"));

        Assert.Equal(("@j0", DbType.String, -1, (object)"[]"), (text.ParameterName, text.DbType, text.Size, text.Value));
        Assert.Equal(SqlDbType.NVarChar, text.SqlDbType);
        Assert.Equal((DbType.Int64, (object)DBNull.Value), (number.DbType, number.Value));
        Assert.Equal(DbType.DateTimeOffset, instant.DbType);
        Assert.Throws<ArgumentException>(() => dialect.CreateParameter(SqlValue.Text("x")));
    }

    [Fact]
    public void Schema_errors_are_numbers_207_and_208()
    {
        var dialect = Dialect();

        Assert.True(dialect.IsSchemaError(new FakeSqlException(207)));
        Assert.True(dialect.IsSchemaError(new FakeSqlException(208)));
        Assert.False(dialect.IsSchemaError(new FakeSqlException(2627)));
    }

    internal static SqlServerDialect Dialect(Action<SqlServerBackendOptions>? configure = null)
    {
        var options = new SqlServerBackendOptions { LedgerSchema = "ps].x" };
        configure?.Invoke(options);
        return new SqlServerDialect(SqlClientFactory.Instance.CreateDataSource("Server=127.0.0.1,1;Connect Timeout=1"), options);
    }

    private static (string?, object?)[] Values(SqlStatement statement) => statement.Parameters.Select(p => (p.Name, p.Value)).ToArray();
}

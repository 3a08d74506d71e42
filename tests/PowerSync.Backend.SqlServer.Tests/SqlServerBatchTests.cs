using Microsoft.Data.SqlClient;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Sql;
using PowerSync.Backend.SqlServer.Sql;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>
/// How a transaction travels with Microsoft.Data.SqlClient 2.1.4, which has no <c>DbBatch</c>: one command text whose
/// parameter names never repeat, each statement's one JSON parameter far under the 2,100-parameter cap.
/// </summary>
public sealed class SqlServerBatchTests
{
    [Fact]
    public void A_whole_transaction_and_its_ledger_advance_travel_as_one_command_text_with_unique_parameter_names()
    {
        var dialect = SqlServerDialectGoldenTests.Dialect(o => o.SessionContextKey = "user_id");
        var planner = new RelationalPlanner(new SqlServerBackendOptions().ToSettings(), dialect.Values, dialect.Statements);
        var statements = planner.Plan(
            [Put("todos", "t1", ("name", "a")), Patch("todos", "t1", ("done", 1)), Delete("todos", "t2"), Put("todos", "t2", ("name", "b"))],
            SqlServerStatementGoldenTests.Catalog());
        using var connection = new SqlConnection("Server=127.0.0.1,1");
        using var batch = dialect.CreateBatch(connection, null!);

        batch.Add(dialect.SetUser("user-1")!);
        foreach (var statement in statements)
        {
            batch.Add(statement);
        }

        batch.Add(dialect.AdvanceLedger(new ClientKey("user-1", "client-1"), new LedgerPosition(3, null)));

        var commandText = Assert.IsType<CommandTextStatementBatch>(batch);
        Assert.Equal(6, batch.Count);
        Assert.Equal(4, statements.Count);
        var names = statements.SelectMany(s => s.Parameters).Select(p => p.Name).ToList();
        Assert.Equal(["@j0", "@j1", "@j2", "@j3"], names);
        Assert.StartsWith("EXEC sp_set_session_context @key = @u_key, @value = @u_value;\nUPDATE t SET [name] = ", commandText.CommandText, StringComparison.Ordinal);
        Assert.EndsWith(";\nUPDATE [ps]].x].ledger SET last_transaction_id = @a_tx, last_operation_id = @a_op, updated_at = SYSDATETIMEOFFSET() WHERE user_id = @a_user AND client_id = @a_client", commandText.CommandText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ledger_lock_and_the_user_share_one_command_without_a_repeated_name()
    {
        var dialect = SqlServerDialectGoldenTests.Dialect(o => o.SessionContextKey = "user_id");

        var names = new[] { dialect.SetUser("u")! }.Concat(dialect.LockLedger(new ClientKey("u", "c"))).SelectMany(s => s.Parameters).Select(p => p.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_dead_letter_and_the_ledger_raise_share_one_command_without_a_repeated_name()
    {
        var dialect = SqlServerDialectGoldenTests.Dialect();
        var letter = new Core.DeadLetters.DeadLetter("u", "c", Tx(1, Put("todos", "t1")), new Core.Results.FailedOperation("CONFLICT", null), DateTimeOffset.UnixEpoch);

        var names = new[] { dialect.InsertDeadLetter(letter, "{}"), dialect.RaiseLedger(new ClientKey("u", "c"), new LedgerPosition(1, null)) }
            .SelectMany(s => s.Parameters).Select(p => p.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Conflict_row_reads_of_several_tables_get_distinct_parameter_names()
    {
        var dialect = SqlServerDialectGoldenTests.Dialect();
        var catalog = SqlServerStatementGoldenTests.Catalog();

        var names = catalog.Tables.Values.Select(t => Assert.Single(dialect.SelectRowsForUpdate(t, ["a"]).Parameters).Name).ToList();

        Assert.Equal(3, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.StartsWith("@k", n, StringComparison.Ordinal));
        Assert.Equal("[]", SqlServerJson.Strings([]));
    }
}

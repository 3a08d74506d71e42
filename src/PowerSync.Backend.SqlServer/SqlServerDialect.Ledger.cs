using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.SqlServer;

/// <summary>The ledger and dead-letter SQL, over the tables of <c>Migrations/</c>.</summary>
internal sealed partial class SqlServerDialect
{
    /// <inheritdoc />
    public override SqlStatement ReadPosition(ClientKey client) => new(
        $"SELECT last_transaction_id, last_operation_id FROM {_ledger} WHERE user_id = @l_user AND client_id = @l_client",
        SqlValue.Text(client.UserId, "@l_user"),
        SqlValue.Text(client.ClientId, "@l_client"));

    /// <summary>
    /// One statement text: the row is inserted when missing (the range lock of <c>UPDLOCK, HOLDLOCK</c> keeps a
    /// concurrent upload from inserting it too), then read under <c>UPDLOCK, HOLDLOCK</c>, which holds it to the end of
    /// the transaction so concurrent uploads from one client serialise.
    /// </summary>
    public override IEnumerable<SqlStatement> LockLedger(ClientKey client) =>
    [
        new(
            $"IF NOT EXISTS (SELECT 1 FROM {_ledger} WITH (UPDLOCK, HOLDLOCK) WHERE user_id = @l_user AND client_id = @l_client) " +
            $"INSERT INTO {_ledger} (user_id, client_id) VALUES (@l_user, @l_client); " +
            $"SELECT last_transaction_id, last_operation_id FROM {_ledger} WITH (UPDLOCK, HOLDLOCK) WHERE user_id = @l_user AND client_id = @l_client",
            SqlValue.Text(client.UserId, "@l_user"),
            SqlValue.Text(client.ClientId, "@l_client")),
    ];

    /// <inheritdoc />
    public override SqlStatement AdvanceLedger(ClientKey client, LedgerPosition position) => new(
        $"UPDATE {_ledger} SET last_transaction_id = @a_tx, last_operation_id = @a_op, updated_at = SYSDATETIMEOFFSET() WHERE user_id = @a_user AND client_id = @a_client",
        SqlValue.Text(client.UserId, "@a_user"),
        SqlValue.Text(client.ClientId, "@a_client"),
        SqlValue.Int64(position.LastTransactionId, "@a_tx"),
        SqlValue.Int64(position.LastOperationId, "@a_op"));

    /// <summary>Update-then-insert under <c>UPDLOCK, SERIALIZABLE</c>; a NULL never lowers a stored position (as <c>GREATEST</c> ignores NULLs).</summary>
    public override SqlStatement RaiseLedger(ClientKey client, LedgerPosition position) => new(
        $"UPDATE l SET last_transaction_id = CASE WHEN @r_tx IS NOT NULL AND (l.last_transaction_id IS NULL OR @r_tx > l.last_transaction_id) THEN @r_tx ELSE l.last_transaction_id END, " +
        "last_operation_id = CASE WHEN @r_op IS NOT NULL AND (l.last_operation_id IS NULL OR @r_op > l.last_operation_id) THEN @r_op ELSE l.last_operation_id END, " +
        $"updated_at = SYSDATETIMEOFFSET() FROM {_ledger} AS l WITH (UPDLOCK, SERIALIZABLE) WHERE l.user_id = @r_user AND l.client_id = @r_client; " +
        $"IF @@ROWCOUNT = 0 INSERT INTO {_ledger} (user_id, client_id, last_transaction_id, last_operation_id) VALUES (@r_user, @r_client, @r_tx, @r_op)",
        SqlValue.Text(client.UserId, "@r_user"),
        SqlValue.Text(client.ClientId, "@r_client"),
        SqlValue.Int64(position.LastTransactionId, "@r_tx"),
        SqlValue.Int64(position.LastOperationId, "@r_op"));

    /// <inheritdoc />
    public override SqlStatement InsertDeadLetter(DeadLetter letter, string transactionJson)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(transactionJson);
        return new SqlStatement(
            $"INSERT INTO {_deadLetters} (user_id, client_id, transaction_id, error_code, message, operation_index, details, [transaction], occurred_at) " +
            "VALUES (@d_user, @d_client, @d_tx, @d_code, @d_message, @d_index, @d_details, @d_transaction, @d_at)",
            SqlValue.Text(letter.UserId, "@d_user"),
            SqlValue.Text(letter.ClientId, "@d_client"),
            SqlValue.Int64(letter.Transaction.TransactionId, "@d_tx"),
            SqlValue.Text(letter.Error.ErrorCode, "@d_code"),
            SqlValue.Text(letter.Error.Message, "@d_message"),
            SqlValue.Int32(letter.Error.OperationIndex, "@d_index"),
            SqlValue.Json(letter.Error.Details?.GetRawText(), "@d_details"),
            SqlValue.Json(transactionJson, "@d_transaction"),
            SqlValue.Instant(letter.OccurredAt, "@d_at"));
    }
}

using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.MySql;

/// <summary>The ledger and dead-letter SQL, over the tables of <c>Migrations/</c>; parameter names are unique per batch.</summary>
internal sealed partial class MySqlDialect
{
    /// <inheritdoc />
    public override SqlStatement ReadPosition(ClientKey client) => new(
        $"SELECT last_transaction_id, last_operation_id FROM {_ledger} WHERE user_id = @lu AND client_id = @lc",
        SqlValue.Text(client.UserId, "@lu"),
        SqlValue.Text(client.ClientId, "@lc"));

    /// <summary>Creates the row when missing (a no-op update on a duplicate, which still locks it), then reads it <c>FOR UPDATE</c>.</summary>
    public override IEnumerable<SqlStatement> LockLedger(ClientKey client) =>
    [
        new($"INSERT INTO {_ledger} (user_id, client_id) VALUES (@l0u, @l0c) ON DUPLICATE KEY UPDATE user_id = user_id", SqlValue.Text(client.UserId, "@l0u"), SqlValue.Text(client.ClientId, "@l0c")),
        new($"SELECT last_transaction_id, last_operation_id FROM {_ledger} WHERE user_id = @l1u AND client_id = @l1c FOR UPDATE", SqlValue.Text(client.UserId, "@l1u"), SqlValue.Text(client.ClientId, "@l1c")),
    ];

    /// <inheritdoc />
    public override SqlStatement AdvanceLedger(ClientKey client, LedgerPosition position) => new(
        $"UPDATE {_ledger} SET last_transaction_id = @at, last_operation_id = @ao, updated_at = CURRENT_TIMESTAMP(6) WHERE user_id = @au AND client_id = @ac",
        SqlValue.Int64(position.LastTransactionId, "@at"),
        SqlValue.Int64(position.LastOperationId, "@ao"),
        SqlValue.Text(client.UserId, "@au"),
        SqlValue.Text(client.ClientId, "@ac"));

    /// <summary>
    /// An upsert that keeps the greater position. MySQL's <c>GREATEST</c> returns NULL when an argument is NULL, so
    /// a missing stored position counts as the new one.
    /// </summary>
    public override SqlStatement RaiseLedger(ClientKey client, LedgerPosition position) => new(
        $"INSERT INTO {_ledger} (user_id, client_id, last_transaction_id, last_operation_id) VALUES (@ru, @rc, @rt, @ro) " +
        "ON DUPLICATE KEY UPDATE last_transaction_id = GREATEST(COALESCE(last_transaction_id, @rt2), COALESCE(@rt3, last_transaction_id)), " +
        "last_operation_id = GREATEST(COALESCE(last_operation_id, @ro2), COALESCE(@ro3, last_operation_id)), updated_at = CURRENT_TIMESTAMP(6)",
        SqlValue.Text(client.UserId, "@ru"),
        SqlValue.Text(client.ClientId, "@rc"),
        SqlValue.Int64(position.LastTransactionId, "@rt"),
        SqlValue.Int64(position.LastOperationId, "@ro"),
        SqlValue.Int64(position.LastTransactionId, "@rt2"),
        SqlValue.Int64(position.LastTransactionId, "@rt3"),
        SqlValue.Int64(position.LastOperationId, "@ro2"),
        SqlValue.Int64(position.LastOperationId, "@ro3"));

    /// <inheritdoc />
    public override SqlStatement InsertDeadLetter(DeadLetter letter, string transactionJson)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(transactionJson);
        return new SqlStatement(
            $"INSERT INTO {_deadLetters} (user_id, client_id, transaction_id, error_code, message, operation_index, details, `transaction`, occurred_at) VALUES (@du, @dc, @dt, @de, @dm, @di, @dd, @dx, @do)",
            SqlValue.Text(letter.UserId, "@du"),
            SqlValue.Text(letter.ClientId, "@dc"),
            SqlValue.Int64(letter.Transaction.TransactionId, "@dt"),
            SqlValue.Text(letter.Error.ErrorCode, "@de"),
            SqlValue.Text(letter.Error.Message, "@dm"),
            SqlValue.Int32(letter.Error.OperationIndex, "@di"),
            SqlValue.Json(letter.Error.Details?.GetRawText(), "@dd"),
            SqlValue.Json(transactionJson, "@dx"),
            SqlValue.Instant(letter.OccurredAt, "@do"));
    }
}

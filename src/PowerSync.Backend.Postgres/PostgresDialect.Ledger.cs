using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.Postgres;

/// <summary>The ledger and dead-letter SQL, over the tables of <c>Migrations/</c>.</summary>
internal sealed partial class PostgresDialect
{
    /// <inheritdoc />
    public override SqlStatement ReadPosition(ClientKey client) => new(
        $"SELECT last_transaction_id, last_operation_id FROM {_ledger} WHERE user_id = $1 AND client_id = $2",
        SqlValue.Text(client.UserId),
        SqlValue.Text(client.ClientId));

    /// <inheritdoc />
    public override IEnumerable<SqlStatement> LockLedger(ClientKey client) =>
    [
        new($"INSERT INTO {_ledger} (user_id, client_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", SqlValue.Text(client.UserId), SqlValue.Text(client.ClientId)),
        new($"SELECT last_transaction_id, last_operation_id FROM {_ledger} WHERE user_id = $1 AND client_id = $2 FOR UPDATE", SqlValue.Text(client.UserId), SqlValue.Text(client.ClientId)),
    ];

    /// <inheritdoc />
    public override SqlStatement AdvanceLedger(ClientKey client, LedgerPosition position) => new(
        $"UPDATE {_ledger} SET last_transaction_id = $3, last_operation_id = $4, updated_at = now() WHERE user_id = $1 AND client_id = $2",
        SqlValue.Text(client.UserId),
        SqlValue.Text(client.ClientId),
        SqlValue.Int64(position.LastTransactionId),
        SqlValue.Int64(position.LastOperationId));

    /// <inheritdoc />
    public override SqlStatement RaiseLedger(ClientKey client, LedgerPosition position) => new(
        $"INSERT INTO {_ledger} AS l (user_id, client_id, last_transaction_id, last_operation_id) VALUES ($1, $2, $3, $4) " +
        "ON CONFLICT (user_id, client_id) DO UPDATE SET last_transaction_id = GREATEST(l.last_transaction_id, EXCLUDED.last_transaction_id), " +
        "last_operation_id = GREATEST(l.last_operation_id, EXCLUDED.last_operation_id), updated_at = now()",
        SqlValue.Text(client.UserId),
        SqlValue.Text(client.ClientId),
        SqlValue.Int64(position.LastTransactionId),
        SqlValue.Int64(position.LastOperationId));

    /// <summary>Inserts the letter, with NUL stored as U+FFFD (see <see cref="PostgresText"/>).</summary>
    public override SqlStatement InsertDeadLetter(DeadLetter letter, string transactionJson)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(transactionJson);
        return new SqlStatement(
            $"INSERT INTO {_deadLetters} (user_id, client_id, transaction_id, error_code, message, operation_index, details, transaction, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            SqlValue.Text(PostgresText.WithoutNul(letter.UserId)),
            SqlValue.Text(PostgresText.WithoutNul(letter.ClientId)),
            SqlValue.Int64(letter.Transaction.TransactionId),
            SqlValue.Text(PostgresText.WithoutNul(letter.Error.ErrorCode)),
            SqlValue.Text(PostgresText.WithoutNul(letter.Error.Message)),
            SqlValue.Int32(letter.Error.OperationIndex),
            SqlValue.Json(letter.Error.Details is { } details ? PostgresText.JsonWithoutNul(details.GetRawText()) : null),
            SqlValue.Json(PostgresText.JsonWithoutNul(transactionJson)),
            SqlValue.Instant(letter.OccurredAt));
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using NpgsqlTypes;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.Postgres;

/// <summary>Dead letters, written with the ledger advance in one transaction.</summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async ValueTask WriteAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var batch = new Npgsql.NpgsqlBatch(connection, transaction);
                batch.BatchCommands.Add(new Npgsql.NpgsqlBatchCommand(
                    $"INSERT INTO {_deadLetters} (user_id, client_id, transaction_id, error_code, message, operation_index, details, transaction, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                {
                    Parameters =
                    {
                        Text(letter.UserId),
                        Text(letter.ClientId),
                        Nullable(letter.Transaction.TransactionId),
                        Text(letter.Error.ErrorCode),
                        Text(letter.Error.Message),
                        new() { Value = letter.Error.OperationIndex is { } index ? index : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
                        new() { Value = letter.Error.Details is { } details ? PostgresText.JsonWithoutNul(details.GetRawText()) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb },
                        new() { Value = PostgresText.JsonWithoutNul(TransactionJson(letter)), NpgsqlDbType = NpgsqlDbType.Jsonb },
                        new() { Value = letter.OccurredAt.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    },
                });
                if (letter.Client is { } client)
                {
                    // Advance past the rejected transaction so a re-send is skipped, not recorded twice.
                    var after = LedgerPositionAfter(letter);
                    batch.BatchCommands.Add(new Npgsql.NpgsqlBatchCommand(
                        $"INSERT INTO {_ledger} AS l (user_id, client_id, last_transaction_id, last_operation_id) VALUES ($1, $2, $3, $4) " +
                        "ON CONFLICT (user_id, client_id) DO UPDATE SET last_transaction_id = GREATEST(l.last_transaction_id, EXCLUDED.last_transaction_id), " +
                        "last_operation_id = GREATEST(l.last_operation_id, EXCLUDED.last_operation_id), updated_at = now()")
                    {
                        Parameters = { new() { Value = client.UserId }, new() { Value = client.ClientId }, Nullable(after.LastTransactionId), Nullable(after.LastOperationId) },
                    });
                }

                CountRoundTrip();
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static Core.Idempotency.LedgerPosition LedgerPositionAfter(DeadLetter letter) =>
        Core.Idempotency.LedgerPosition.None.Advance(letter.Transaction);

    private static Npgsql.NpgsqlParameter Text(string? value) => new() { Value = PostgresText.WithoutNul(value) is { } text ? text : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static string TransactionJson(DeadLetter letter)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (letter.Transaction.TransactionId is { } id)
            {
                writer.WriteNumber("transaction_id", id);
            }

            writer.WriteStartArray("crud");
            foreach (var entry in letter.Transaction.Entries)
            {
                CrudJsonWriter.WriteEntry(writer, entry);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

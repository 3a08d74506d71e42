using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.Relational.Applying;

/// <summary>Dead letters, written with the ledger advance in one transaction.</summary>
internal sealed partial class RelationalStore
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
                using var batch = _dialect.CreateBatch(connection, transaction);
                batch.Add(_dialect.InsertDeadLetter(letter, TransactionJson(letter)));
                if (letter.Client is { } client)
                {
                    // Advance past the rejected transaction so a re-send is skipped, not recorded twice.
                    batch.Add(_dialect.RaiseLedger(client, LedgerPosition.None.Advance(letter.Transaction)));
                }

                await ExecuteAsync(batch, cancellationToken).ConfigureAwait(false);
                await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The transaction as the client sent it, in the reference write API's shape.</summary>
    private static string TransactionJson(DeadLetter letter) => CrudJsonWriter.ToJson(letter.Transaction);
}

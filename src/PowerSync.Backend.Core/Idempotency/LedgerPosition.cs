using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Idempotency;

/// <summary>
/// How far one client's queue has been applied: the highest transaction id, and the highest queue
/// (<c>op_id</c>) id, of everything applied or rejected for it.
/// </summary>
/// <remarks>
/// Both ids increase in queue order and restart only with a new client database, which also gets a new
/// client id; so anything at or below the position was already handled, and a stale re-send can never
/// overwrite newer state. Transactions without a transaction id fall back to their entries' queue ids.
/// </remarks>
/// <param name="LastTransactionId">The highest applied transaction id.</param>
/// <param name="LastOperationId">The highest applied queue id.</param>
public readonly record struct LedgerPosition(long? LastTransactionId, long? LastOperationId)
{
    /// <summary>Nothing applied yet.</summary>
    public static LedgerPosition None => default;

    /// <summary>
    /// Returns what of <paramref name="transaction"/> still needs applying: <see langword="null"/> when the
    /// ledger covers all of it, the transaction itself when it covers none of it, or, for a transaction
    /// without an id or with the id of the last one applied (a client transaction a batch split in two), the
    /// entries whose queue ids lie beyond the position.
    /// </summary>
    /// <param name="transaction">The transaction.</param>
    /// <returns>The part to apply, or <see langword="null"/>.</returns>
    public CrudTransaction? Pending(CrudTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.TransactionId is { } transactionId && LastTransactionId != transactionId)
        {
            return LastTransactionId > transactionId ? null : transaction;
        }

        // The same transaction id as the last one applied: a batch shape may have split that client transaction
        // (getCrudBatch cuts by entry count), so its queue ids tell which part is new. Without them it was applied.
        if (LastOperationId is not { } lastOperation || transaction.Entries.Count == 0 || transaction.Entries.Any(e => e.OperationId is null))
        {
            return transaction.TransactionId is null ? transaction : null;
        }

        var pending = transaction.Entries.Where(e => e.OperationId > lastOperation).ToList();
        return pending.Count == 0 ? null : pending.Count == transaction.Entries.Count ? transaction : transaction.WithEntries(pending);
    }

    /// <summary>Returns the position after <paramref name="transaction"/> has been handled.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <returns>The new position.</returns>
    public LedgerPosition Advance(CrudTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new LedgerPosition(Max(LastTransactionId, transaction.TransactionId), Max(LastOperationId, transaction.LastOperationId));
    }

    private static long? Max(long? left, long? right) => left is null ? right : right is null ? left : Math.Max(left.Value, right.Value);
}

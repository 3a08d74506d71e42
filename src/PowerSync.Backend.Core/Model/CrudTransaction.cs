namespace PowerSync.Backend.Core.Model;

/// <summary>The entries of one client-side transaction, applied atomically and in order.</summary>
public sealed class CrudTransaction : IEquatable<CrudTransaction>
{
    /// <summary>Creates a transaction.</summary>
    /// <param name="transactionId">The client's transaction id, when known.</param>
    /// <param name="entries">The entries, in queue order.</param>
    public CrudTransaction(long? transactionId, IReadOnlyList<CrudEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        TransactionId = transactionId;
        Entries = entries;
    }

    /// <summary>The client's transaction id (<c>tx_id</c> / <c>transaction_id</c>).</summary>
    /// <value><see langword="null"/> when the client sent none.</value>
    public long? TransactionId { get; }

    /// <summary>The entries, in the order the client made them.</summary>
    public IReadOnlyList<CrudEntry> Entries { get; }

    /// <summary>The highest <c>op_id</c> among the entries, used for idempotency when there is no transaction id.</summary>
    public long? LastOperationId
    {
        get
        {
            long? last = null;
            foreach (var entry in Entries)
            {
                if (entry.OperationId is { } id && (last is null || id > last))
                {
                    last = id;
                }
            }

            return last;
        }
    }

    /// <summary>Returns a transaction with the same id and other entries.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The transaction.</returns>
    public CrudTransaction WithEntries(IReadOnlyList<CrudEntry> entries) => new(TransactionId, entries);

    /// <inheritdoc />
    public bool Equals(CrudTransaction? other) =>
        other is not null && other.TransactionId == TransactionId && other.Entries.SequenceEqual(Entries);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CrudTransaction);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TransactionId, Entries.Count);

    /// <inheritdoc />
    public override string ToString() => $"Transaction {TransactionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no id)"} with {Entries.Count} entries";
}

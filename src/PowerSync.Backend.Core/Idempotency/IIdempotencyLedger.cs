namespace PowerSync.Backend.Core.Idempotency;

/// <summary>
/// Reads how far each client's queue has been applied. The applier advances the position inside the same
/// database transaction as the data; this read lets the processor skip re-sent transactions before running
/// any hook. It is an optimisation only: appliers re-check under a lock, which is what makes it exact.
/// </summary>
public interface IIdempotencyLedger
{
    /// <summary>Reads a client's position.</summary>
    /// <param name="client">The client.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The position; <see cref="LedgerPosition.None"/> for a client never seen.</returns>
    ValueTask<LedgerPosition> GetPositionAsync(ClientKey client, CancellationToken cancellationToken);
}

namespace PowerSync.Backend.Core.DeadLetters;

/// <summary>
/// Keeps rejected transactions. Called after the applying database transaction has been rolled back.
/// </summary>
/// <remarks>
/// A store that lives in the same database as the ledger must write the letter and advance the client's
/// ledger position past the transaction in one database transaction: a re-sent rejected transaction is
/// then skipped instead of being recorded twice. If writing fails, the exception propagates and the client
/// re-sends the upload, so a rejection is never lost.
/// </remarks>
public interface IDeadLetterStore
{
    /// <summary>Records a rejected transaction.</summary>
    /// <param name="letter">The transaction, who sent it and why it was rejected.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the letter is durable.</returns>
    ValueTask WriteAsync(DeadLetter letter, CancellationToken cancellationToken);
}

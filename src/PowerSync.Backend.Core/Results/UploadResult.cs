namespace PowerSync.Backend.Core.Results;

/// <summary>The outcome of an upload: one result per transaction, in request order.</summary>
/// <param name="Results">The results.</param>
public sealed record UploadResult(IReadOnlyList<TransactionResult> Results)
{
    /// <summary>Whether every transaction succeeded (applied now or before).</summary>
    public bool AllSucceeded => Results.All(r => r.Status == TransactionStatus.Success);

    /// <summary>Whether the client must keep some transactions and re-send them (retryable or not attempted).</summary>
    public bool HasPendingTransactions => Results.Any(r => r.Status is TransactionStatus.RetryableError or TransactionStatus.NotAttempted);
}

namespace PowerSync.Backend.Core.Results;

/// <summary>The outcome of one client transaction.</summary>
public sealed record TransactionResult
{
    private TransactionResult(TransactionStatus status) => Status = status;

    /// <summary>A transaction that was applied now.</summary>
    public static TransactionResult Success { get; } = new(TransactionStatus.Success);

    /// <summary>A transaction the ledger shows was applied before (a re-sent upload).</summary>
    public static TransactionResult Duplicate { get; } = new(TransactionStatus.Success) { IsDuplicate = true };

    /// <summary>A transaction that was not attempted.</summary>
    public static TransactionResult NotAttempted { get; } = new(TransactionStatus.NotAttempted);

    /// <summary>The status.</summary>
    public TransactionStatus Status { get; }

    /// <summary>A message for people (retryable and fatal results).</summary>
    public string? Message { get; private init; }

    /// <summary>When the client should re-send (retryable results).</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Whether the client must decide about the transaction (fatal results).</summary>
    public bool RequiresClientHandling { get; private init; }

    /// <summary>Why the transaction was refused (fatal results).</summary>
    public FailedOperation? FailedOperation { get; private init; }

    /// <summary>Whether the success is a re-sent transaction the ledger skipped. Not part of the wire format.</summary>
    public bool IsDuplicate { get; private init; }

    /// <summary>Creates a retryable result.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="retryAfter">When the client should re-send.</param>
    /// <returns>The result.</returns>
    public static TransactionResult Retryable(string? message, TimeSpan? retryAfter) =>
        new(TransactionStatus.RetryableError) { Message = message, RetryAfter = retryAfter };

    /// <summary>Creates a fatal result.</summary>
    /// <param name="failedOperation">Why the transaction was refused.</param>
    /// <param name="requiresClientHandling">Whether the client must decide about it.</param>
    /// <returns>The result.</returns>
    public static TransactionResult Fatal(FailedOperation failedOperation, bool requiresClientHandling)
    {
        ArgumentNullException.ThrowIfNull(failedOperation);
        return new(TransactionStatus.FatalError)
        {
            FailedOperation = failedOperation,
            RequiresClientHandling = requiresClientHandling,
            Message = failedOperation.Message,
        };
    }
}

namespace PowerSync.Backend.Core.Results;

/// <summary>The outcome of one client transaction, as the reference write API names it.</summary>
public enum TransactionStatus
{
    /// <summary>Applied (or applied before: a re-sent transaction).</summary>
    Success,

    /// <summary>A transient failure: the client keeps the transaction and re-sends it.</summary>
    RetryableError,

    /// <summary>Refused permanently and recorded; the client may complete it.</summary>
    FatalError,

    /// <summary>Not attempted because an earlier transaction stopped the batch.</summary>
    NotAttempted,
}

namespace PowerSync.Backend.Core.Errors;

/// <summary>What to do about a failure.</summary>
public enum ErrorDisposition
{
    /// <summary>Transient: roll back and try again; the client re-sends if retries run out.</summary>
    Retry,

    /// <summary>Permanent: roll back, record the transaction as a dead letter and tell the client it is done.</summary>
    Reject,
}

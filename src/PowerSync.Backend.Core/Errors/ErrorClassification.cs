namespace PowerSync.Backend.Core.Errors;

/// <summary>How an applier's classifier judged an exception.</summary>
/// <param name="Disposition">Retry or reject.</param>
/// <param name="ErrorCode">The stable code (see <see cref="ErrorCodes"/>); for retries, a short type such as the SQLSTATE, used in metrics.</param>
public readonly record struct ErrorClassification(ErrorDisposition Disposition, string ErrorCode)
{
    /// <summary>Whether the failure should be retried.</summary>
    public bool IsTransient => Disposition == ErrorDisposition.Retry;

    /// <summary>A transient failure.</summary>
    /// <param name="errorType">A short label for metrics and logs, such as <c>40001</c>.</param>
    /// <returns>The classification.</returns>
    public static ErrorClassification Transient(string errorType = ErrorCodes.Transient) => new(ErrorDisposition.Retry, errorType);

    /// <summary>A permanent failure.</summary>
    /// <param name="errorCode">The code reported to the client.</param>
    /// <returns>The classification.</returns>
    public static ErrorClassification Rejected(string errorCode) => new(ErrorDisposition.Reject, errorCode);
}

using System.Globalization;
using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.Mongo;

/// <summary>
/// Classifies MongoDB failures by error label and code, never by message text: transient labels and codes are
/// retried; duplicate keys, document validation, bad values and authorization failures are rejected with the
/// matching stable code.
/// </summary>
public sealed class MongoErrorClassifier : IErrorClassifier
{
    /// <summary>Retried whatever the command: transaction aborted by a transient condition, or a retryable write.</summary>
    public const string TransientTransactionError = "TransientTransactionError";

    /// <summary>A write the server says is safe to retry.</summary>
    public const string RetryableWriteError = "RetryableWriteError";

    /// <summary>A commit whose outcome is unknown; retried only for <c>commitTransaction</c> (the ledger makes it safe).</summary>
    public const string UnknownTransactionCommitResult = "UnknownTransactionCommitResult";

    /// <inheritdoc />
    public ErrorClassification? Classify(Exception exception) =>
        exception is MongoCommandFailedException failed ? Classify(failed.Code, failed.ErrorLabels, failed.CommandName) : null;

    /// <summary>Classifies an error code and its labels.</summary>
    /// <param name="code">The server's error code (0 for none).</param>
    /// <param name="errorLabels">The error labels.</param>
    /// <param name="commandName">The command that failed (labels such as <c>UnknownTransactionCommitResult</c> count only for a commit).</param>
    /// <returns>The classification, or <see langword="null"/> for an error this classifier does not know.</returns>
    public static ErrorClassification? Classify(int code, IReadOnlyCollection<string> errorLabels, string? commandName = null)
    {
        ArgumentNullException.ThrowIfNull(errorLabels);
        var type = code == 0 ? "mongo" : code.ToString(CultureInfo.InvariantCulture);
        if (errorLabels.Contains(TransientTransactionError, StringComparer.Ordinal) || errorLabels.Contains(RetryableWriteError, StringComparer.Ordinal)
            || (commandName == "commitTransaction" && errorLabels.Contains(UnknownTransactionCommitResult, StringComparer.Ordinal)))
        {
            return ErrorClassification.Transient(type);
        }

        return code switch
        {
            // HostUnreachable, HostNotFound, NetworkTimeout, ShutdownInProgress, WriteConflict, PrimarySteppedDown,
            // ExceededTimeLimit, SocketException, NotWritablePrimary, InterruptedAtShutdown, InterruptedDueToReplStateChange,
            // NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary.
            6 or 7 or 89 or 91 or 112 or 189 or 262 or 9001 or 10107 or 11600 or 11602 or 13435 or 13436 => ErrorClassification.Transient(type),
            11000 or 11001 or 12582 => ErrorClassification.Rejected(ErrorCodes.UniqueViolation),
            121 => ErrorClassification.Rejected(ErrorCodes.DocumentValidationFailure),
            2 or 14 => ErrorClassification.Rejected(ErrorCodes.InvalidData),
            13 => ErrorClassification.Rejected(ErrorCodes.Unauthorized),
            _ => null,
        };
    }
}

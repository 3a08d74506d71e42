using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.Core.Processing;

/// <summary>Judges exceptions: the library's own refusals first, then the appliers' classifiers.</summary>
internal sealed class FailureClassifier
{
    private readonly IErrorClassifier[] _classifiers;

    public FailureClassifier(IEnumerable<IErrorClassifier> classifiers) => _classifiers = [.. classifiers];

    public Failure Classify(Exception exception)
    {
        if (exception is CrudRejectedException rejected)
        {
            return new Failure(ErrorClassification.Rejected(rejected.ErrorCode), rejected.OperationIndex, rejected.Message, rejected.Details, rejected.RequiresClientHandling, rejected);
        }

        var index = (exception as CrudApplyException)?.OperationIndex;
        var cause = exception is CrudApplyException { InnerException: { } inner } ? inner : exception;
        if (cause is CrudRejectedException innerRejected)
        {
            return Classify(innerRejected) with { OperationIndex = innerRejected.OperationIndex ?? index };
        }

        foreach (var classifier in _classifiers)
        {
            if (classifier.Classify(cause) is { } classification)
            {
                return new Failure(classification, index, Describe(classification.ErrorCode), null, false, cause);
            }
        }

        // A timeout or a cancellation the caller did not ask for (the pipeline lets the caller's own through).
        return cause is TimeoutException or OperationCanceledException
            ? new Failure(ErrorClassification.Transient("timeout"), index, null, null, false, cause)
            : new Failure(ErrorClassification.Rejected(ErrorCodes.UnclassifiedError), index, Describe(ErrorCodes.UnclassifiedError), null, false, cause);
    }

    /// <summary>A message for the client that names the problem without the driver's text, which may leak internals.</summary>
    private static string Describe(string errorCode) => errorCode switch
    {
        ErrorCodes.NotNullViolation => "a required column is missing or null",
        ErrorCodes.UniqueViolation => "the write violates a unique constraint",
        ErrorCodes.ForeignKeyViolation => "the write violates a foreign key",
        ErrorCodes.CheckViolation => "the write violates a check constraint",
        ErrorCodes.ConstraintViolation => "the write violates a constraint",
        ErrorCodes.InvalidData => "a value cannot be stored in its column",
        ErrorCodes.SchemaMismatch => "the table or a column does not exist in the source database",
        ErrorCodes.Unauthorized => "the database refused the write",
        ErrorCodes.DocumentValidationFailure => "the document failed the database's validation",
        ErrorCodes.UnclassifiedError => "the backend could not apply the transaction",
        _ => "the database refused the write",
    };
}

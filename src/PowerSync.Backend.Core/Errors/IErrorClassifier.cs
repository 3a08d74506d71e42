namespace PowerSync.Backend.Core.Errors;

/// <summary>
/// Maps a driver's exceptions to retry or reject. Each applier registers one, keyed on the driver's
/// error codes (SQLSTATE, error numbers, labels), never on message text.
/// </summary>
public interface IErrorClassifier
{
    /// <summary>Classifies an exception thrown while applying a transaction.</summary>
    /// <param name="exception">The exception (already unwrapped from <see cref="CrudApplyException"/>).</param>
    /// <returns>The classification, or <see langword="null"/> when this classifier does not recognise the exception.</returns>
    ErrorClassification? Classify(Exception exception);
}

namespace PowerSync.Backend.Core.Errors;

/// <summary>
/// Wraps a driver exception with the index of the entry that caused it, so the failure can be reported
/// against that entry. The inner exception is what the classifier sees.
/// </summary>
public sealed class CrudApplyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operationIndex">The index of the failing entry in the transaction the applier received.</param>
    /// <param name="innerException">The driver's exception.</param>
    public CrudApplyException(int? operationIndex, Exception innerException)
        : base(innerException?.Message, innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        OperationIndex = operationIndex;
    }

    /// <summary>The index of the failing entry in the transaction the applier received.</summary>
    public int? OperationIndex { get; }
}

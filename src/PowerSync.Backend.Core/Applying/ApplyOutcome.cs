namespace PowerSync.Backend.Core.Applying;

/// <summary>How an applier finished a transaction it did not refuse.</summary>
/// <remarks>Refusals are exceptions: <see cref="Errors.CrudRejectedException"/>, or driver exceptions the applier's classifier judges.</remarks>
public enum ApplyOutcome
{
    /// <summary>Applied and committed together with the ledger position.</summary>
    Applied,

    /// <summary>The ledger, checked under its lock, already covered the transaction: nothing was written.</summary>
    AlreadyApplied,
}

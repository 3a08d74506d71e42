namespace PowerSync.Backend.Core.Applying;

/// <summary>
/// Applies client transactions to a source database. Provider packages implement it; the pipeline calls it
/// once per transaction (again, in a fresh database transaction, for each retry).
/// </summary>
/// <remarks>
/// <para>Contract, for one call:</para>
/// <list type="number">
/// <item>Begin one database transaction.</item>
/// <item>When <see cref="ApplyContext.Client"/> is set, lock the client's ledger row (creating it if needed) and
/// ask <see cref="ApplyContext.Pending"/> what remains; if nothing does, commit and return
/// <see cref="ApplyOutcome.AlreadyApplied"/>. The lock serialises concurrent uploads from one client.</item>
/// <item>When <see cref="ApplyContext.HasConflictChecks"/>, read the rows in <see cref="ApplyContext.RowsToLoad"/>
/// (locked for update, one query per table) and call <see cref="ApplyContext.ResolveConflictsAsync"/>.</item>
/// <item>Apply <see cref="ApplyContext.Transaction"/> in order, set-based where possible; advance the ledger to
/// <see cref="ApplyContext.LedgerAfter"/>; commit; return <see cref="ApplyOutcome.Applied"/>.</item>
/// </list>
/// <para>On any failure roll back and throw: <see cref="Errors.CrudRejectedException"/> for a refusal the applier
/// decides itself, or the driver's exception (wrapped in <see cref="Errors.CrudApplyException"/> when the failing
/// entry is known; indexes refer to <see cref="ApplyContext.Transaction"/>) for its classifier to judge.</para>
/// </remarks>
public interface ICrudApplier
{
    /// <summary>Applies one transaction atomically, together with the ledger update.</summary>
    /// <param name="context">The transaction and everything needed to apply it.</param>
    /// <param name="cancellationToken">Cancels the attempt; the database transaction is rolled back.</param>
    /// <returns>Whether the transaction was applied now or had been before.</returns>
    ValueTask<ApplyOutcome> ApplyAsync(ApplyContext context, CancellationToken cancellationToken);
}

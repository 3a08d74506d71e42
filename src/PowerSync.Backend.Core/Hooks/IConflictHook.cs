using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Hooks;

/// <summary>
/// Decides what happens when a write meets a stored row it may conflict with. Runs inside the database
/// transaction that applies the entry. Without any conflict hook the library applies last-write-wins.
/// </summary>
public interface IConflictHook
{
    /// <summary>
    /// Whether the applier must read the stored row for this entry before <see cref="ResolveAsync"/>.
    /// Rows are read in one query per table, so asking costs one round trip per table, not per entry.
    /// </summary>
    /// <param name="entry">The mapped entry.</param>
    /// <param name="clientTable">The table as the client named it.</param>
    /// <returns>Whether the stored row is needed.</returns>
    bool NeedsStoredRow(CrudEntry entry, string clientTable);

    /// <summary>Decides about one entry.</summary>
    /// <param name="context">The entry and, when asked for, the stored row.</param>
    /// <param name="cancellationToken">Cancels the decision.</param>
    /// <returns>The resolution.</returns>
    ValueTask<ConflictResolution> ResolveAsync(ConflictContext context, CancellationToken cancellationToken);
}

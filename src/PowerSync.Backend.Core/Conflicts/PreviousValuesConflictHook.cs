using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Conflicts;

/// <summary>
/// Optimistic concurrency from the client's previous values (<c>old</c>, sent by tables declared with
/// <c>trackPrevious</c>): a PATCH or DELETE conflicts when the stored row no longer holds what the client saw.
/// </summary>
/// <remarks>
/// Values compare with SQLite's loose typing (<c>1</c> equals <c>true</c> and <c>"1"</c>). Entries without
/// previous values cannot be checked and are applied. A PATCH compares only the columns it changes unless
/// <see cref="CompareAllColumns"/> is set, so edits to different columns of one row merge without conflict.
/// </remarks>
public sealed class PreviousValuesConflictHook : IConflictHook
{
    /// <summary>Creates the check.</summary>
    /// <param name="onConflict">What to do with a conflicting entry.</param>
    public PreviousValuesConflictHook(ConflictAction onConflict = ConflictAction.Reject) => OnConflict = onConflict;

    /// <summary>What to do with a conflicting entry.</summary>
    /// <value><see cref="ConflictAction.Reject"/>.</value>
    public ConflictAction OnConflict { get; }

    /// <summary>Whether a PATCH compares every previous value rather than only the columns it changes.</summary>
    /// <value><see langword="false"/>.</value>
    public bool CompareAllColumns { get; init; }

    /// <inheritdoc />
    public bool NeedsStoredRow(CrudEntry entry, string clientTable)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Previous is not null && entry.Operation != CrudOperation.Put;
    }

    /// <inheritdoc />
    public ValueTask<ConflictResolution> ResolveAsync(ConflictContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var entry = context.Entry;
        if (!context.IsStoredRowLoaded || entry.Previous is not { } previous || entry.Operation == CrudOperation.Put)
        {
            return ValueTask.FromResult(ConflictResolution.Apply);
        }

        if (context.StoredRow is not { } stored)
        {
            // Deleting a row someone else deleted ends in the same state; patching it does not.
            return ValueTask.FromResult(entry.Operation == CrudOperation.Delete
                ? ConflictResolution.Apply
                : Conflict("the row no longer exists"));
        }

        var columns = entry.Operation == CrudOperation.Patch && !CompareAllColumns ? entry.Data.Keys : previous.Keys;
        foreach (var column in columns)
        {
            if (previous.TryGetValue(column, out var seen) && stored.TryGetValue(column, out var now) && !seen.LooselyEquals(now))
            {
                return ValueTask.FromResult(Conflict($"column '{column}' changed since the client read it"));
            }
        }

        return ValueTask.FromResult(ConflictResolution.Apply);
    }

    private ConflictResolution Conflict(string reason) =>
        OnConflict == ConflictAction.Skip ? ConflictResolution.Skip(reason) : ConflictResolution.Reject(reason);
}

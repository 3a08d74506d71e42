using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Conflicts;

/// <summary>
/// Version-column check: a PUT or PATCH of an existing row must carry a version greater than the stored
/// one (clients increment it on every write); a DELETE carrying a previous version must match the stored one.
/// </summary>
public sealed class VersionColumnConflictHook : IConflictHook
{
    /// <summary>Creates the check.</summary>
    /// <param name="column">The version column (after mapping).</param>
    /// <param name="onConflict">What to do with a conflicting entry.</param>
    public VersionColumnConflictHook(string column, ConflictAction onConflict = ConflictAction.Reject)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        Column = column;
        OnConflict = onConflict;
    }

    /// <summary>The version column.</summary>
    public string Column { get; }

    /// <summary>What to do with a conflicting entry.</summary>
    /// <value><see cref="ConflictAction.Reject"/>.</value>
    public ConflictAction OnConflict { get; }

    /// <inheritdoc />
    public bool NeedsStoredRow(CrudEntry entry, string clientTable) => true;

    /// <inheritdoc />
    public ValueTask<ConflictResolution> ResolveAsync(ConflictContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(OrderedColumnCheck.Resolve(context, Column, OnConflict, allowEqual: false, Compare));
    }

    private static int? Compare(CrudValue incoming, CrudValue stored) =>
        incoming.TryGetNumber(out var left) && stored.TryGetNumber(out var right) ? left.CompareTo(right) : null;
}

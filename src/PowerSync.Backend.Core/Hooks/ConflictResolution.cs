using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Hooks;

/// <summary>A conflict hook's decision for one entry.</summary>
public readonly record struct ConflictResolution
{
    /// <summary>Apply the entry as it is (last write wins).</summary>
    public static ConflictResolution Apply => default;

    /// <summary>What to do.</summary>
    public ConflictAction Action { get; private init; }

    /// <summary>The entry to apply instead, for a merged resolution.</summary>
    public CrudEntry? Replacement { get; private init; }

    /// <summary>Why the entry conflicts (for <see cref="ConflictAction.Skip"/> and <see cref="ConflictAction.Reject"/>).</summary>
    public string? Reason { get; private init; }

    /// <summary>Apply another entry in its place (for example the client's change merged with the stored row).</summary>
    /// <param name="replacement">The entry to apply; it must keep the row id.</param>
    /// <returns>The resolution.</returns>
    public static ConflictResolution ApplyInstead(CrudEntry replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return new ConflictResolution { Replacement = replacement };
    }

    /// <summary>Keep the stored row and drop the entry; the transaction still succeeds.</summary>
    /// <param name="reason">Why, for logs and metrics.</param>
    /// <returns>The resolution.</returns>
    public static ConflictResolution Skip(string reason) => new() { Action = ConflictAction.Skip, Reason = reason };

    /// <summary>Refuse the whole transaction with <see cref="Errors.ErrorCodes.Conflict"/>; it is recorded as a dead letter.</summary>
    /// <param name="reason">Why; sent to the client.</param>
    /// <returns>The resolution.</returns>
    public static ConflictResolution Reject(string reason) => new() { Action = ConflictAction.Reject, Reason = reason };
}

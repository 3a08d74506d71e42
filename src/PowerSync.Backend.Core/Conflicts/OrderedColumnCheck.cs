using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Conflicts;

/// <summary>The shared rule of the version and timestamp checks: a write must not go back in a column's order.</summary>
internal static class OrderedColumnCheck
{
    public delegate int? Comparison(CrudValue incoming, CrudValue stored);

    public static ConflictResolution Resolve(ConflictContext context, string column, ConflictAction onConflict, bool allowEqual, Comparison compare)
    {
        var entry = context.Entry;
        if (!context.IsStoredRowLoaded || context.StoredRow is not { } stored || !stored.TryGetValue(column, out var current) || current.IsNull)
        {
            return ConflictResolution.Apply;
        }

        if (entry.Operation == CrudOperation.Delete)
        {
            // A delete carries no data; when it carries the previous value, that value must still be current.
            return entry.Previous is { } previous && previous.TryGetValue(column, out var seen) && compare(seen, current) is not 0
                ? Conflict(onConflict, $"'{column}' changed since the client read it")
                : ConflictResolution.Apply;
        }

        if (!entry.Data.TryGetValue(column, out var incoming) || incoming.IsNull)
        {
            return Conflict(onConflict, $"the write carries no '{column}' to compare with the stored row");
        }

        var order = compare(incoming, current);
        if (order is null)
        {
            return Conflict(onConflict, $"'{column}' values cannot be compared");
        }

        return order > 0 || (allowEqual && order == 0)
            ? ConflictResolution.Apply
            : Conflict(onConflict, $"'{column}' {incoming} is not newer than the stored {current}");
    }

    private static ConflictResolution Conflict(ConflictAction onConflict, string reason) =>
        onConflict == ConflictAction.Skip ? ConflictResolution.Skip(reason) : ConflictResolution.Reject(reason);
}

using System.Globalization;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Conflicts;

/// <summary>
/// Timestamp-column check: a PUT or PATCH of an existing row must carry a timestamp no older than the stored
/// one (an "updated at" column the client sets), so a late-arriving stale write never overwrites a newer one.
/// </summary>
/// <remarks>Timestamps are ISO-8601 text (without an offset they are taken as UTC) or Unix epoch milliseconds.</remarks>
public sealed class TimestampColumnConflictHook : IConflictHook
{
    /// <summary>Creates the check.</summary>
    /// <param name="column">The timestamp column (after mapping).</param>
    /// <param name="onConflict">What to do with a conflicting entry.</param>
    public TimestampColumnConflictHook(string column, ConflictAction onConflict = ConflictAction.Reject)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        Column = column;
        OnConflict = onConflict;
    }

    /// <summary>The timestamp column.</summary>
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
        return ValueTask.FromResult(OrderedColumnCheck.Resolve(context, Column, OnConflict, allowEqual: true, Compare));
    }

    private static int? Compare(CrudValue incoming, CrudValue stored) =>
        TryGetInstant(incoming, out var left) && TryGetInstant(stored, out var right) ? left.CompareTo(right) : null;

    private static bool TryGetInstant(CrudValue value, out DateTimeOffset instant)
    {
        switch (value.Kind)
        {
            case CrudValueKind.Text:
                return DateTimeOffset.TryParse(value.AsText(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
            case CrudValueKind.Integer:
                instant = DateTimeOffset.FromUnixTimeMilliseconds(value.AsInteger());
                return true;
            default:
                instant = default;
                return false;
        }
    }
}

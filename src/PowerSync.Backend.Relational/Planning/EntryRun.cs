using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.Relational.Planning;

/// <summary>
/// Consecutive entries of one shape (table, operation, mode and columns) in which no row id repeats: what one
/// set-based statement can apply. Deletes share a run whatever columns they carry.
/// </summary>
internal readonly struct EntryRun
{
    private readonly ResolvedEntry[] _entries;
    private readonly int _start;

    /// <summary>Creates the run of <paramref name="count"/> entries from <paramref name="start"/>.</summary>
    public EntryRun(ResolvedEntry[] entries, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, entries.Length - start);
        _entries = entries;
        _start = start;
        Count = count;
    }

    /// <summary>How many entries the run holds.</summary>
    public int Count { get; }

    /// <summary>The first entry, whose shape every entry shares.</summary>
    public ResolvedEntry First => _entries[_start];

    /// <summary>The table.</summary>
    public RelationalTable Table => First.Table;

    /// <summary>The operation.</summary>
    public CrudOperation Operation => First.Operation;

    /// <summary>The columns every entry writes, in table order (empty for deletes).</summary>
    public RelationalColumn[] Columns => Operation == CrudOperation.Delete ? [] : First.Columns;

    /// <summary>Whether PUTs reset the columns they omit to their defaults.</summary>
    public bool Replace => First.Replace;

    /// <summary>The entry at <paramref name="index"/> of the run.</summary>
    public ResolvedEntry this[int index] => (uint)index < (uint)Count ? _entries[_start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The indexes of the run's entries in the applied transaction.</summary>
    public int[] EntryIndexes()
    {
        var indexes = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            indexes[i] = _entries[_start + i].Index;
        }

        return indexes;
    }

    /// <summary>
    /// Whether the run omits a NOT NULL column without a default. Several databases check such a column on the row
    /// an upsert proposes before they find the conflict, so a merging upsert of existing rows must update them first.
    /// </summary>
    public bool OmitsRequiredColumn()
    {
        var columns = Columns;
        foreach (var column in Table.Writable)
        {
            if (column.NotNull && !column.HasDefault && Array.IndexOf(columns, column) < 0)
            {
                return true;
            }
        }

        return false;
    }
}

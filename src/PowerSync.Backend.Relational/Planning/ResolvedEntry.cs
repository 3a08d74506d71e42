using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.Relational.Planning;

/// <summary>An entry resolved against the catalog: its table, its columns in table order, and its converted values.</summary>
/// <param name="Index">The entry's index in the applied transaction.</param>
/// <param name="Operation">The operation to run (a PATCH that inserts missing rows runs as a PUT).</param>
/// <param name="Table">The table.</param>
/// <param name="Id">The converted row id.</param>
/// <param name="Columns">The columns the entry writes, in table order (without the id and generated columns).</param>
/// <param name="Values">The converted values, one per column; <see langword="null"/> is SQL NULL.</param>
/// <param name="Replace">Whether a PUT resets the columns it omits to their defaults.</param>
internal sealed record ResolvedEntry(int Index, CrudOperation Operation, RelationalTable Table, string Id, RelationalColumn[] Columns, string?[] Values, bool Replace)
{
    /// <summary>Whether one set-based statement can apply both entries: same table, operation, mode and (but for deletes) columns.</summary>
    public bool SameShape(ResolvedEntry other) =>
        Operation == other.Operation
        && ReferenceEquals(Table, other.Table)
        && Replace == other.Replace
        && (Operation == CrudOperation.Delete || Columns.AsSpan().SequenceEqual(other.Columns));
}

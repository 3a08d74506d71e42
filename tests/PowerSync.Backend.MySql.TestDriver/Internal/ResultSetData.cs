namespace PowerSync.Backend.MySql.TestDriver.Internal;

/// <summary>One buffered result set: its columns and every row's raw text-protocol cells (null = SQL NULL).</summary>
internal sealed class ResultSetData(IReadOnlyList<ColumnInfo> columns, IReadOnlyList<byte[]?[]> rows)
{
    /// <summary>The columns, in select-list order.</summary>
    public IReadOnlyList<ColumnInfo> Columns { get; } = columns;

    /// <summary>The rows; each cell is the server's bytes for the value, or null for NULL.</summary>
    public IReadOnlyList<byte[]?[]> Rows { get; } = rows;
}

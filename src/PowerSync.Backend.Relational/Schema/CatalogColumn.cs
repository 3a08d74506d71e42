namespace PowerSync.Backend.Relational.Schema;

/// <summary>One row of a dialect's catalog query: a column of a table, and what it knows of the table's primary key.</summary>
/// <param name="Table">The table name.</param>
/// <param name="Column">The column.</param>
/// <param name="IsKey">Whether the column belongs to the primary key.</param>
/// <param name="KeyColumns">How many columns the table's primary key has (0 without one).</param>
internal readonly record struct CatalogColumn(string Table, RelationalColumn Column, bool IsKey, long KeyColumns);

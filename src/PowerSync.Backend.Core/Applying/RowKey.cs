namespace PowerSync.Backend.Core.Applying;

/// <summary>One row of the source database: a (mapped) table name and a row id.</summary>
/// <param name="Table">The table.</param>
/// <param name="Id">The row id.</param>
public readonly record struct RowKey(string Table, string Id);

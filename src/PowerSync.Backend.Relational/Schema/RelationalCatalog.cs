namespace PowerSync.Backend.Relational.Schema;

/// <summary>The writable tables of the configured schema at one moment, and why other tables are not writable.</summary>
/// <param name="Tables">The writable tables by name.</param>
/// <param name="Refused">Tables that exist but cannot be written, with the reason.</param>
internal sealed record RelationalCatalog(IReadOnlyDictionary<string, RelationalTable> Tables, IReadOnlyDictionary<string, string> Refused)
{
    /// <summary>
    /// Builds the catalog from a catalog query's columns (grouped by table, in table order): a table is writable
    /// when its primary key is the single column <paramref name="idColumn"/>, and refused with the reason otherwise.
    /// </summary>
    /// <param name="columns">The columns of every table.</param>
    /// <param name="idColumn">The primary-key column that holds PowerSync row ids.</param>
    /// <param name="qualify">Quotes and qualifies a table name in the dialect.</param>
    /// <returns>The catalog.</returns>
    public static RelationalCatalog Create(IEnumerable<CatalogColumn> columns, string idColumn, Func<string, string> qualify)
    {
        var tables = new Dictionary<string, RelationalTable>(StringComparer.Ordinal);
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in columns.GroupBy(c => c.Table, StringComparer.Ordinal))
        {
            var id = group.FirstOrDefault(c => c.IsKey && string.Equals(c.Column.Name, idColumn, StringComparison.Ordinal));
            if (id.Column is null || id.KeyColumns != 1)
            {
                refused[group.Key] = $"its primary key is not the single column '{idColumn}'";
                continue;
            }

            tables[group.Key] = new RelationalTable(group.Key, qualify(group.Key), id.Column, group.Select(c => c.Column).ToArray());
        }

        return new RelationalCatalog(tables, refused);
    }
}

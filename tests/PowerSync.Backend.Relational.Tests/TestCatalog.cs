using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.Relational.Tests;

/// <summary>Columns, tables and a catalog built by hand, quoted with brackets so a dialect-neutral test can tell quoted names.</summary>
internal static class TestCatalog
{
    public static RelationalColumn Column(string name, ColumnKind kind, string? type = null, bool notNull = false, bool generated = false) =>
        new(name, "[" + name + "]", type ?? kind.ToString().ToLowerInvariant(), kind, notNull, generated);

    public static RelationalTable Table(string name, RelationalColumn id, params RelationalColumn[] columns) =>
        new(name, "[app].[" + name + "]", id, [id, .. columns]);

    public static RelationalCatalog Of(params RelationalTable[] tables) => new(
        tables.ToDictionary(t => t.Name, StringComparer.Ordinal),
        new Dictionary<string, string>(StringComparer.Ordinal) { ["pairs"] = "its primary key is not the single column 'id'" });
}

using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.Postgres.Sql;

/// <summary>The query that reads stored rows back as client values, for conflict hooks.</summary>
internal static class PostgresRowSelect
{
    /// <summary>
    /// Selects the rows with the ids in <c>$1</c> (text[]), locked for update. The first column is the 1-based position
    /// of the row's id in <c>$1</c>, so rows map back to the ids as the client spelled them.
    /// </summary>
    public static string ForUpdate(RelationalTable table)
    {
        var columns = table.Columns.Values.Where(c => !ReferenceEquals(c, table.Id)).Select(c => Expression(c) + " AS " + c.QuotedName);
        var id = table.Id;
        return $"SELECT k.i, {string.Join(", ", columns.DefaultIfEmpty("NULL"))} FROM unnest($1::text[]) WITH ORDINALITY AS k(id, i) JOIN {table.QualifiedName} AS t ON t.{id.QuotedName} = k.id::{id.StoreType} FOR UPDATE OF t";
    }

    /// <summary>Numbers and booleans come back typed; everything else as text, as clients send it.</summary>
    private static string Expression(RelationalColumn column) => column.Kind switch
    {
        ColumnKind.Boolean => "t." + column.QuotedName,
        ColumnKind.Integer => "t." + column.QuotedName + "::int8",
        ColumnKind.Float => "t." + column.QuotedName + "::float8",
        ColumnKind.TimestampTz => $"to_char(t.{column.QuotedName} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
        ColumnKind.Timestamp => $"to_char(t.{column.QuotedName}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')",
        _ => "t." + column.QuotedName + "::text",
    };
}

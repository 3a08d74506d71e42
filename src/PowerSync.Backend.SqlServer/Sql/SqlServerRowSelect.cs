using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.SqlServer.Sql;

/// <summary>The query that reads stored rows back as client values, for conflict hooks.</summary>
internal static class SqlServerRowSelect
{
    /// <summary>
    /// Selects the rows with the ids of the JSON array <paramref name="parameter"/>, locked with <c>UPDLOCK, HOLDLOCK</c>
    /// to the end of the transaction. The first column is the 1-based position of the row's id in the array, so rows
    /// map back to the ids as the client spelled them.
    /// </summary>
    public static string ForUpdate(RelationalTable table, string parameter)
    {
        var columns = table.Columns.Values.Where(c => !ReferenceEquals(c, table.Id)).Select(c => Expression(c) + " AS " + c.QuotedName);
        var id = table.Id;
        return $"SELECT CAST(k.[key] AS bigint) + 1 AS i, {string.Join(", ", columns.DefaultIfEmpty("NULL AS n"))} FROM OPENJSON({parameter}) AS k " +
            $"JOIN {table.QualifiedName} AS t WITH (UPDLOCK, HOLDLOCK) ON t.{id.QuotedName} = {SqlServerStatementBuilder.Cast(id, "k.[value]")}";
    }

    /// <summary>Numbers and booleans come back typed; everything else as text, as clients send it.</summary>
    private static string Expression(RelationalColumn column)
    {
        var c = "t." + column.QuotedName;
        return column.Kind switch
        {
            ColumnKind.Boolean => c,
            ColumnKind.Integer => $"CAST({c} AS bigint)",
            ColumnKind.Float => $"CAST({c} AS float)",
            ColumnKind.TimestampTz => $"CONVERT(nvarchar(30), CAST(SWITCHOFFSET({c}, '+00:00') AS datetime2(6)), 126) + N'Z'",
            ColumnKind.Timestamp => $"CONVERT(nvarchar(30), CAST({c} AS datetime2(6)), 126)",
            ColumnKind.Date => $"CONVERT(nvarchar(10), {c}, 23)",
            ColumnKind.Uuid => $"LOWER(CONVERT(nvarchar(36), {c}))",
            // FOR JSON writes varbinary as base64, the spelling clients send.
            ColumnKind.Binary => $"JSON_VALUE((SELECT {c} AS b FOR JSON PATH, WITHOUT_ARRAY_WRAPPER), '$.b')",
            _ => $"CONVERT(nvarchar(max), {c})",
        };
    }
}

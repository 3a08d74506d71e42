using System.Globalization;
using System.Text;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.MySql.Sql;

/// <summary>The query that reads stored rows back as client values, for conflict hooks.</summary>
internal static class MySqlRowSelect
{
    /// <summary>
    /// Selects the rows with <paramref name="ids"/>, locked for update, joined to a derived table of (position, id) so
    /// that rows map back to the ids as the client spelled them.
    /// </summary>
    public static SqlStatement ForUpdate(RelationalTable table, string[] ids, string prefix)
    {
        var id = table.Id;
        var parameters = new SqlValue[ids.Length];
        var keys = new StringBuilder();
        for (var i = 0; i < ids.Length; i++)
        {
            var name = prefix + i.ToString(CultureInfo.InvariantCulture);
            parameters[i] = SqlValue.Text(ids[i], name);
            var position = (i + 1).ToString(CultureInfo.InvariantCulture);
            keys.Append(i == 0 ? "SELECT " + position + " AS i, " + Key(id, name) + " AS id" : " UNION ALL SELECT " + position + ", " + Key(id, name));
        }

        var columns = table.Columns.Values.Where(c => !ReferenceEquals(c, id)).Select(c => Expression(c) + " AS " + c.QuotedName);
        var sql = $"SELECT CAST(k.i AS SIGNED), {string.Join(", ", columns.DefaultIfEmpty("NULL"))} FROM ({keys}) AS k JOIN {table.QualifiedName} AS t ON t.{id.QuotedName} = k.id FOR UPDATE";
        return new SqlStatement(sql, parameters, []);
    }

    private static string Key(RelationalColumn id, string parameter) =>
        id.Kind == ColumnKind.Uuid && id.StoreType.StartsWith("binary", StringComparison.OrdinalIgnoreCase) ? $"UNHEX(REPLACE({parameter}, '-', ''))" : parameter;

    /// <summary>Numbers and booleans come back typed; everything else as text, as clients send it.</summary>
    private static string Expression(RelationalColumn column)
    {
        var c = "t." + column.QuotedName;
        return column.Kind switch
        {
            ColumnKind.Boolean => $"({c} <> 0)",
            ColumnKind.Integer => $"CAST({c} AS SIGNED)",
            ColumnKind.Float => $"({c} + 0e0)",
            ColumnKind.TimestampTz => $"DATE_FORMAT(CONVERT_TZ({c}, @@session.time_zone, '+00:00'), '%Y-%m-%dT%H:%i:%s.%fZ')",
            ColumnKind.Timestamp => $"DATE_FORMAT({c}, '%Y-%m-%dT%H:%i:%s.%f')",
            ColumnKind.Binary => $"REPLACE(TO_BASE64({c}), '\\n', '')",
            ColumnKind.Uuid when column.StoreType.StartsWith("binary", StringComparison.OrdinalIgnoreCase) =>
                $"LOWER(INSERT(INSERT(INSERT(INSERT(HEX({c}), 9, 0, '-'), 14, 0, '-'), 19, 0, '-'), 24, 0, '-'))",
            _ => $"CAST({c} AS CHAR)",
        };
    }
}

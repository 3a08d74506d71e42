using Npgsql;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Postgres.Schema;

namespace PowerSync.Backend.Postgres.Sql;

/// <summary>Reads stored rows back as client values, for conflict hooks.</summary>
internal static class PostgresRowReader
{
    /// <summary>
    /// Selects the rows with the ids in <c>$1</c> (text[]), locked for update. The first column is the 1-based position
    /// of the row's id in <c>$1</c>, so rows map back to the ids as the client spelled them.
    /// </summary>
    public static string SelectForUpdate(PostgresTable table)
    {
        var columns = table.Columns.Values.Where(c => !ReferenceEquals(c, table.Id)).Select(c => Expression(c) + " AS " + c.QuotedName);
        var id = table.Id;
        return $"SELECT k.i, {string.Join(", ", columns.DefaultIfEmpty("NULL"))} FROM unnest($1::text[]) WITH ORDINALITY AS k(id, i) JOIN {table.QualifiedName} AS t ON t.{id.QuotedName} = k.id::{id.SqlType} FOR UPDATE OF t";
    }

    public static CrudData Read(NpgsqlDataReader reader, PostgresTable table)
    {
        var values = new List<KeyValuePair<string, CrudValue>>(reader.FieldCount - 1);
        for (var i = 1; i < reader.FieldCount; i++)
        {
            if (!table.Columns.TryGetValue(reader.GetName(i), out var column))
            {
                continue;
            }

            var value = reader.IsDBNull(i) ? CrudValue.Null : column.Kind switch
            {
                PostgresTypeKind.Boolean => CrudValue.FromBoolean(reader.GetBoolean(i)),
                PostgresTypeKind.Int16 or PostgresTypeKind.Int32 or PostgresTypeKind.Int64 => CrudValue.FromInteger(reader.GetInt64(i)),
                PostgresTypeKind.Float4 or PostgresTypeKind.Float8 => CrudValue.FromReal(reader.GetDouble(i)),
                _ => CrudValue.FromText(reader.GetString(i)),
            };
            values.Add(new(column.Name, value));
        }

        return CrudData.Create(values);
    }

    /// <summary>Numbers and booleans come back typed; everything else as text, as clients send it.</summary>
    private static string Expression(PostgresColumn column) => column.Kind switch
    {
        PostgresTypeKind.Boolean => "t." + column.QuotedName,
        PostgresTypeKind.Int16 or PostgresTypeKind.Int32 or PostgresTypeKind.Int64 => "t." + column.QuotedName + "::int8",
        PostgresTypeKind.Float4 or PostgresTypeKind.Float8 => "t." + column.QuotedName + "::float8",
        PostgresTypeKind.TimestampTz => $"to_char(t.{column.QuotedName} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
        PostgresTypeKind.Timestamp => $"to_char(t.{column.QuotedName}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')",
        _ => "t." + column.QuotedName + "::text",
    };
}

using Npgsql;

namespace PowerSync.Backend.Postgres.Schema;

/// <summary>Reads tables, columns, types, primary keys and nullability of one schema from the catalog.</summary>
internal static class PostgresSchemaReader
{
    // Domains are described by their base type; arrays by their element type; enums carry their labels.
    private const string Query = """
        SELECT c.relname,
               a.attname,
               pg_catalog.format_type(a.atttypid, a.atttypmod),
               COALESCE(bt.typname, t.typname),
               COALESCE(bt.typtype, t.typtype)::text,
               et.typname,
               et.typtype::text,
               a.attnotnull,
               a.attgenerated <> '',
               a.atttypmod,
               (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = COALESCE(et.oid, bt.oid, t.oid)),
               EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)),
               (SELECT count(*) FROM pg_catalog.pg_index i, unnest(i.indkey) k WHERE i.indrelid = c.oid AND i.indisprimary),
               a.atthasdef OR a.attidentity <> ''
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_catalog.pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
        LEFT JOIN pg_catalog.pg_type et ON et.oid = COALESCE(bt.typelem, t.typelem) AND COALESCE(bt.typcategory, t.typcategory) = 'A'
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
        ORDER BY c.relname, a.attnum
        """;

    /// <summary>Reads the writable tables of <paramref name="schema"/>: those whose primary key is the single column <paramref name="idColumn"/>.</summary>
    public static async Task<PostgresSchemaSnapshot> ReadAsync(NpgsqlDataSource dataSource, string schema, string idColumn, CancellationToken cancellationToken)
    {
        var rows = new List<(string Table, PostgresColumn Column, bool IsKey, long KeyColumns)>();
        using (var command = dataSource.CreateCommand(Query))
        {
            command.Parameters.AddWithValue(schema);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetString(0), ReadColumn(reader), reader.GetBoolean(11), reader.GetInt64(12)));
                }
            }
        }

        var tables = new Dictionary<string, PostgresTable>(StringComparer.Ordinal);
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.Table, StringComparer.Ordinal))
        {
            var id = group.FirstOrDefault(r => r.IsKey && string.Equals(r.Column.Name, idColumn, StringComparison.Ordinal));
            if (id.Column is null || id.KeyColumns != 1)
            {
                refused[group.Key] = $"its primary key is not the single column '{idColumn}'";
                continue;
            }

            tables[group.Key] = new PostgresTable(schema, group.Key, id.Column, group.Select(r => r.Column).ToArray());
        }

        return new PostgresSchemaSnapshot(tables, refused);
    }

    private static PostgresColumn ReadColumn(NpgsqlDataReader reader)
    {
        var typeName = reader.GetString(3);
        var typeType = reader.GetString(4);
        var elementName = reader.IsDBNull(5) ? null : reader.GetString(5);
        var elementType = reader.IsDBNull(6) ? null : reader.GetString(6);
        var typmod = reader.GetInt32(9);
        var labels = reader.IsDBNull(10) ? null : reader.GetFieldValue<string[]>(10).ToHashSet(StringComparer.Ordinal);
        var kind = elementName is null ? KindOf(typeName, typeType) : PostgresTypeKind.Array;
        var lengthType = elementName ?? typeName;
        return new PostgresColumn(reader.GetString(1), reader.GetString(2), kind, reader.GetBoolean(7), reader.GetBoolean(8))
        {
            ElementKind = elementName is null ? PostgresTypeKind.Other : KindOf(elementName, elementType!),
            EnumLabels = labels,
            // varchar(n) and char(n) store n + 4 in atttypmod.
            MaxLength = lengthType is "varchar" or "bpchar" && typmod > 4 ? typmod - 4 : null,
            HasDefault = reader.GetBoolean(13),
        };
    }

    private static PostgresTypeKind KindOf(string typeName, string typeType) => typeType == "e" ? PostgresTypeKind.Enum : typeName switch
    {
        "bool" => PostgresTypeKind.Boolean,
        "int2" => PostgresTypeKind.Int16,
        "int4" => PostgresTypeKind.Int32,
        "int8" => PostgresTypeKind.Int64,
        "numeric" => PostgresTypeKind.Numeric,
        "float4" => PostgresTypeKind.Float4,
        "float8" => PostgresTypeKind.Float8,
        "uuid" => PostgresTypeKind.Uuid,
        "text" or "varchar" or "bpchar" or "name" or "citext" => PostgresTypeKind.Text,
        "json" or "jsonb" => PostgresTypeKind.Json,
        "timestamp" => PostgresTypeKind.Timestamp,
        "timestamptz" => PostgresTypeKind.TimestampTz,
        "date" => PostgresTypeKind.Date,
        "time" => PostgresTypeKind.Time,
        "bytea" => PostgresTypeKind.Bytea,
        _ => PostgresTypeKind.Other,
    };
}

using Npgsql;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.Postgres.Schema;

/// <summary>Reads tables, columns, types, primary keys and nullability of one schema from <c>pg_catalog</c>.</summary>
internal static class PostgresCatalogReader
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
    public static async Task<RelationalCatalog> ReadAsync(NpgsqlDataSource dataSource, string schema, string idColumn, CancellationToken cancellationToken)
    {
        var columns = new List<CatalogColumn>();
        using (var command = dataSource.CreateCommand(Query))
        {
            command.Parameters.AddWithValue(schema);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    columns.Add(new CatalogColumn(reader.GetString(0), ReadColumn(reader), reader.GetBoolean(11), reader.GetInt64(12)));
                }
            }
        }

        var quotedSchema = PostgresIdentifier.Quote(schema);
        return RelationalCatalog.Create(columns, idColumn, table => quotedSchema + "." + PostgresIdentifier.Quote(table));
    }

    private static RelationalColumn ReadColumn(NpgsqlDataReader reader)
    {
        var name = reader.GetString(1);
        var typeName = reader.GetString(3);
        var typeType = reader.GetString(4);
        var elementName = reader.IsDBNull(5) ? null : reader.GetString(5);
        var elementType = reader.IsDBNull(6) ? null : reader.GetString(6);
        var typmod = reader.GetInt32(9);
        var labels = reader.IsDBNull(10) ? null : reader.GetFieldValue<string[]>(10).ToHashSet(StringComparer.Ordinal);
        var kind = elementName is null ? KindOf(typeName, typeType) : ColumnKind.Array;
        var scalarType = elementName ?? typeName;
        return new RelationalColumn(name, PostgresIdentifier.Quote(name), reader.GetString(2), kind, reader.GetBoolean(7), reader.GetBoolean(8))
        {
            ElementKind = elementName is null ? ColumnKind.Other : KindOf(elementName, elementType!),
            Range = scalarType switch
            {
                "int2" => IntegerRange.Int16,
                "int4" => IntegerRange.Int32,
                _ => IntegerRange.Int64,
            },
            EnumLabels = labels,
            // varchar(n) and char(n) store n + 4 in atttypmod.
            MaxLength = scalarType is "varchar" or "bpchar" && typmod > 4 ? typmod - 4 : null,
            HasDefault = reader.GetBoolean(13),
        };
    }

    private static ColumnKind KindOf(string typeName, string typeType) => typeType == "e" ? ColumnKind.Enum : typeName switch
    {
        "bool" => ColumnKind.Boolean,
        "int2" or "int4" or "int8" => ColumnKind.Integer,
        "numeric" => ColumnKind.Decimal,
        "float4" or "float8" => ColumnKind.Float,
        "uuid" => ColumnKind.Uuid,
        "text" or "varchar" or "bpchar" or "name" or "citext" => ColumnKind.Text,
        "json" or "jsonb" => ColumnKind.Json,
        "timestamp" => ColumnKind.Timestamp,
        "timestamptz" => ColumnKind.TimestampTz,
        "date" => ColumnKind.Date,
        "time" => ColumnKind.Time,
        "bytea" => ColumnKind.Binary,
        _ => ColumnKind.Other,
    };
}

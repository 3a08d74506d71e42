using System.Data.Common;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.SqlServer.Schema;

/// <summary>Reads tables, columns, types, primary keys and nullability of one schema from <c>sys.tables</c>, <c>sys.columns</c>, <c>sys.types</c> and <c>sys.indexes</c>.</summary>
internal static class SqlServerCatalogReader
{
    /// <summary>
    /// Alias types are described by their system type. A column is JSON when its type is <c>json</c> or when a
    /// column-level check constraint calls <c>ISJSON</c> on it.
    /// </summary>
    public const string Query = """
        SELECT t.name, c.name, bt.name, c.max_length, c.precision, c.scale, c.is_nullable,
               CAST(CASE WHEN c.is_computed = 1 OR c.is_identity = 1 OR bt.name = N'timestamp' THEN 1 ELSE 0 END AS bit),
               CAST(CASE WHEN c.default_object_id <> 0 THEN 1 ELSE 0 END AS bit),
               CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
                                      WHERE i.object_id = t.object_id AND i.is_primary_key = 1 AND ic.column_id = c.column_id) THEN 1 ELSE 0 END AS bit),
               CAST((SELECT COUNT(*) FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
                     WHERE i.object_id = t.object_id AND i.is_primary_key = 1) AS bigint),
               CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.check_constraints k WHERE k.parent_object_id = t.object_id AND k.parent_column_id = c.column_id
                                      AND k.definition LIKE N'%isjson(%') THEN 1 ELSE 0 END AS bit)
        FROM sys.tables t
        JOIN sys.schemas s ON s.schema_id = t.schema_id
        JOIN sys.columns c ON c.object_id = t.object_id
        JOIN sys.types bt ON bt.user_type_id = c.system_type_id
        WHERE s.name = @schema
        ORDER BY t.name, c.column_id
        """;

    /// <summary>Reads the writable tables of <paramref name="schema"/>: those whose primary key is the single column <paramref name="idColumn"/>.</summary>
    public static async Task<RelationalCatalog> ReadAsync(DbDataSource dataSource, Func<SqlValue, DbParameter> parameter, string schema, string idColumn, CancellationToken cancellationToken)
    {
        var columns = new List<CatalogColumn>();
        using (var command = dataSource.CreateCommand(Query))
        {
            command.Parameters.Add(parameter(SqlValue.Text(schema, "@schema")));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var column = Describe(
                        reader.GetString(1), reader.GetString(2), reader.GetInt16(3), reader.GetByte(4), reader.GetByte(5),
                        notNull: !reader.GetBoolean(6), generated: reader.GetBoolean(7), hasDefault: reader.GetBoolean(8), json: reader.GetBoolean(11));
                    columns.Add(new CatalogColumn(reader.GetString(0), column, reader.GetBoolean(9), reader.GetInt64(10)));
                }
            }
        }

        var quotedSchema = SqlServerIdentifier.Quote(schema);
        return RelationalCatalog.Create(columns, idColumn, table => quotedSchema + "." + SqlServerIdentifier.Quote(table));
    }

    /// <summary>One column from its <c>sys.columns</c> facts.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="type">The system type name.</param>
    /// <param name="maxLength">Bytes (-1 for <c>max</c>).</param>
    /// <param name="precision">Numeric precision.</param>
    /// <param name="scale">Numeric or fractional-second scale.</param>
    /// <param name="notNull">Whether NULL is refused.</param>
    /// <param name="generated">Computed, identity or rowversion: never written.</param>
    /// <param name="hasDefault">Whether a default constraint exists.</param>
    /// <param name="json">Whether an <c>ISJSON</c> check guards the column.</param>
    internal static RelationalColumn Describe(string name, string type, short maxLength, byte precision, byte scale, bool notNull, bool generated, bool hasDefault, bool json)
    {
        var kind = json ? ColumnKind.Json : SqlServerTypes.KindOf(type);
        return new RelationalColumn(name, SqlServerIdentifier.Quote(name), SqlServerTypes.Spell(type, maxLength, precision, scale), kind, notNull, generated)
        {
            Range = SqlServerTypes.RangeOf(type),
            // nvarchar(n) and nchar(n) count UTF-16 code units (max_length is in bytes); varchar lengths count bytes of
            // the collation's code page, which the server checks itself (2628, INVALID_DATA).
            MaxLength = type is "nvarchar" or "nchar" && maxLength > 0 ? maxLength / 2 : null,
            LengthInUtf16 = true,
            HasDefault = hasDefault || generated,
        };
    }
}

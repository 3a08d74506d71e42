using System.Data.Common;
using System.Globalization;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.MySql.Schema;

/// <summary>
/// Reads the base tables of one database from <c>information_schema</c>: <c>COLUMNS</c> for types, nullability,
/// defaults and generation, <c>KEY_COLUMN_USAGE</c> for the primary key, and (MariaDB, whose <c>JSON</c> is
/// <c>LONGTEXT</c> with a <c>json_valid</c> check) <c>CHECK_CONSTRAINTS</c> for JSON columns.
/// </summary>
internal static class MySqlCatalogReader
{
    private const string Query = """
        SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.DATA_TYPE, c.IS_NULLABLE = 'NO',
               COALESCE(c.GENERATION_EXPRESSION, '') <> '',
               (c.COLUMN_DEFAULT IS NOT NULL AND c.COLUMN_DEFAULT <> 'NULL') OR c.EXTRA LIKE '%auto_increment%',
               c.CHARACTER_MAXIMUM_LENGTH,
               (SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE k
                 WHERE k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME AND k.CONSTRAINT_NAME = 'PRIMARY' AND k.COLUMN_NAME = c.COLUMN_NAME),
               (SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE k
                 WHERE k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME AND k.CONSTRAINT_NAME = 'PRIMARY')
        FROM information_schema.COLUMNS c
        JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE'
        WHERE c.TABLE_SCHEMA = @db
        ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
        """;

    private const string JsonChecks = "SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = @db";

    /// <summary>Reads the writable tables of the server's configured database.</summary>
    public static async Task<RelationalCatalog> ReadAsync(DbDataSource dataSource, MySqlServerInfo server, string idColumn, bool binaryUuids, CancellationToken cancellationToken)
    {
        var jsonChecks = server.Flavor == MySqlFlavor.MariaDb ? await ReadJsonChecksAsync(dataSource, server.Database, cancellationToken).ConfigureAwait(false) : [];
        var columns = new List<CatalogColumn>();
        var command = Command(dataSource, Query, server.Database);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var table = reader.GetString(0);
                    var column = ReadColumn(reader, binaryUuids, jsonChecks.Contains((table, reader.GetString(1))));
                    columns.Add(new CatalogColumn(table, column, Long(reader, 8) > 0, Long(reader, 9)));
                }
            }
        }

        var quotedDatabase = MySqlIdentifier.Quote(server.Database);
        return RelationalCatalog.Create(columns, idColumn, table => quotedDatabase + "." + MySqlIdentifier.Quote(table));
    }

    private static RelationalColumn ReadColumn(DbDataReader reader, bool binaryUuids, bool jsonCheck)
    {
        var name = reader.GetString(1);
        var columnType = reader.GetString(2);
        var dataType = reader.GetString(3).ToLowerInvariant();
        var length = reader.IsDBNull(7) ? (long?)null : Long(reader, 7);
        var kind = MySqlColumnTypes.KindOf(dataType, columnType, length, binaryUuids, jsonCheck);
        return new RelationalColumn(name, MySqlIdentifier.Quote(name), columnType, kind, Long(reader, 4) != 0, Long(reader, 5) != 0)
        {
            HasDefault = Long(reader, 6) != 0,
            MaxLength = kind == ColumnKind.Text && dataType is "char" or "varchar" && length is { } n ? (int)Math.Min(n, int.MaxValue) : null,
            Range = kind == ColumnKind.Integer ? MySqlColumnTypes.RangeOf(dataType, columnType) : IntegerRange.Int64,
            EnumLabels = kind == ColumnKind.Enum ? MySqlColumnTypes.EnumLabels(columnType) : null,
        };
    }

    private static async Task<HashSet<(string Table, string Column)>> ReadJsonChecksAsync(DbDataSource dataSource, string database, CancellationToken cancellationToken)
    {
        var checks = new HashSet<(string, string)>();
        var command = Command(dataSource, JsonChecks, database);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (MySqlColumnTypes.JsonValidColumn(reader.GetString(1)) is { } column)
                    {
                        checks.Add((reader.GetString(0), column));
                    }
                }
            }
        }

        return checks;
    }

    private static DbCommand Command(DbDataSource dataSource, string sql, string database)
    {
        var command = dataSource.CreateCommand(sql);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@db";
        parameter.Value = database;
        command.Parameters.Add(parameter);
        return command;
    }

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

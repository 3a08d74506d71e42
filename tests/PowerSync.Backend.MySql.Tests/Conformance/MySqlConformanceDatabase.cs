using System.Globalization;
using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.MySql.TestDriver;

namespace PowerSync.Backend.MySql.Tests.Conformance;

/// <summary>
/// The conformance schema in a MariaDB database of its own per test (and the ledger in a second one), both dropped
/// afterwards. JSON stands in for the array columns; <c>TIMESTAMP(6)</c> is the instant type, <c>DATETIME(6)</c> the
/// wall-clock one; <c>CHAR(36)</c> holds UUIDs.
/// </summary>
public sealed class MySqlConformanceDatabase : ConformanceDatabase
{
    private static readonly Lazy<MariaDbDataSource> SharedDataSource = new(() => MariaDbServer.CreateDataSource());
    private static readonly HashSet<string> JsonColumns = new(StringComparer.Ordinal) { ConformanceSchema.Typed.Json, ConformanceSchema.Typed.IntArray, ConformanceSchema.Typed.TextArray };
    private readonly Dictionary<string, (string Name, string Expression, string Type)[]> _columns = new(StringComparer.Ordinal);

    /// <summary>The data source every test shares.</summary>
    public static MariaDbDataSource DataSource => SharedDataSource.Value;

    /// <summary>This test's database.</summary>
    public string Database { get; } = "conf_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>This test's ledger and dead-letter database.</summary>
    public string LedgerDatabase => Database + "_ledger";

    /// <summary>Provider-specific options applied after the neutral ones.</summary>
    public Action<MySqlBackendOptions>? Configure { get; set; }

    /// <summary>The data source the provider uses; reads and set-up always use <see cref="DataSource"/>.</summary>
    public System.Data.Common.DbDataSource? ProviderDataSource { get; set; }

    /// <summary>Quotes an identifier.</summary>
    public static string Quote(string name) => MySqlIdentifier.Quote(name);

    /// <summary>The database-qualified, quoted name of a table of this test.</summary>
    public string Qualified(string table) => Quote(Database) + "." + Quote(table);

    /// <inheritdoc />
    public override async Task CreateAsync(CancellationToken cancellationToken)
    {
        var hostile = string.Join(", ", ConformanceSchema.HostileColumns.Select(c => Quote(c) + " TEXT"));
        var labels = string.Join(", ", ConformanceSchema.MoodLabels.Select(l => "'" + l + "'"));
        await ExecuteAsync($"CREATE DATABASE {Quote(Database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", cancellationToken);
        await ExecuteAsync(
            $"""
            CREATE TABLE {Qualified("lists")} (id VARCHAR(255) PRIMARY KEY, name TEXT NOT NULL, owner_id TEXT, created_at TIMESTAMP(6) NULL) ENGINE=InnoDB;
            CREATE TABLE {Qualified("todos")} (id VARCHAR(255) PRIMARY KEY, list_id VARCHAR(255), description TEXT, completed TINYINT(1), version INT, updated_at TIMESTAMP(6) NULL,
                FOREIGN KEY (list_id) REFERENCES {Qualified("lists")} (id)) ENGINE=InnoDB;
            CREATE TABLE {Qualified("typed")} (
                id VARCHAR(255) PRIMARY KEY,
                c_bool TINYINT(1), c_int INT, c_bigint BIGINT, c_numeric DECIMAL(12,3), c_double DOUBLE, c_uuid CHAR(36),
                c_timestamptz TIMESTAMP(6) NULL, c_timestamp DATETIME(6), c_date DATE, c_time TIME(6), c_json JSON, c_int_array JSON, c_text_array JSON,
                c_enum ENUM({labels}), c_bytea BLOB, c_varchar VARCHAR(5), c_text TEXT, c_default VARCHAR(255) DEFAULT '{ConformanceSchema.DefaultText}', c_required TEXT NOT NULL) ENGINE=InnoDB;
            CREATE TABLE {Qualified(ConformanceSchema.HostileTable)} (id VARCHAR(255) PRIMARY KEY, {hostile}) ENGINE=InnoDB;
            """,
            cancellationToken);
    }

    /// <inheritdoc />
    public override void UseProvider(PowerSyncBackendBuilder builder, ConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.UseMySql(ProviderDataSource ?? DataSource, o =>
        {
            o.Database = Database;
            o.LedgerDatabase = LedgerDatabase;
            o.ReplaceOnPut.UnionWith(options.ReplaceOnPut);
            o.PatchInsertsMissingRows = options.PatchInsertsMissingRows;
            o.IgnoreUnknownColumns = options.IgnoreUnknownColumns;
            Configure?.Invoke(o);
        });
    }

    /// <inheritdoc />
    public override async Task<CrudData?> ReadRowAsync(string table, string id, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(table, cancellationToken);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => c.Expression).DefaultIfEmpty("1"))} FROM {Qualified(table)} AS t WHERE t.id = @id";
        command.Parameters.Add(new MariaDbParameter("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var values = new List<KeyValuePair<string, CrudValue>>();
        for (var i = 0; i < columns.Length; i++)
        {
            values.Add(KeyValuePair.Create(columns[i].Name, reader.IsDBNull(i) ? CrudValue.Null : Normalize(reader.GetValue(i), columns[i].Type)));
        }

        return CrudData.Create(values);
    }

    /// <inheritdoc />
    public override async Task<long> CountRowsAsync(string table, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync($"SELECT COUNT(*) FROM {Qualified(table)}", cancellationToken), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override async Task<IReadOnlyList<ConformanceDeadLetter>> ReadDeadLettersAsync(CancellationToken cancellationToken)
    {
        var letters = new List<ConformanceDeadLetter>();
        var exists = Convert.ToInt64(
            await ScalarAsync($"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{LedgerDatabase}' AND TABLE_NAME = 'dead_letters'", cancellationToken),
            CultureInfo.InvariantCulture);
        if (exists == 0)
        {
            return letters;
        }

        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT user_id, client_id, transaction_id, error_code, operation_index, JSON_LENGTH(`transaction`, '$.crud') FROM {Quote(LedgerDatabase)}.dead_letters ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new ConformanceDeadLetter(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture)));
        }

        return letters;
    }

    /// <summary>
    /// Row triggers raise SQLSTATE 40001 (SIGNAL's errno is 1644, so the classifier must go by the SQLSTATE class) in
    /// the next <paramref name="times"/> statements that write the table. The count lives in a MyISAM table, which a
    /// rollback does not undo; the failure aborts its transaction, so each transaction counts once.
    /// </summary>
    /// <inheritdoc />
    public override async Task FailNextTransactionsAsync(string table, int times, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var counter = Qualified("fail_" + suffix);
        await ExecuteAsync($"CREATE TABLE {counter} (n INT NOT NULL) ENGINE=MyISAM; INSERT INTO {counter} VALUES (0)", cancellationToken);
        foreach (var operation in new[] { "INSERT", "UPDATE", "DELETE" })
        {
            await ExecuteAsync(
                $"""
                CREATE TRIGGER {Qualified("fail_" + suffix + "_" + operation.ToLowerInvariant())} BEFORE {operation} ON {Qualified(table)} FOR EACH ROW
                BEGIN
                    IF (SELECT n FROM {counter}) < {times.ToString(CultureInfo.InvariantCulture)} THEN
                        UPDATE {counter} SET n = n + 1;
                        SIGNAL SQLSTATE '40001' SET MESSAGE_TEXT = 'injected transient failure';
                    END IF;
                END
                """,
                cancellationToken);
        }
    }

    /// <summary>Runs SQL (no parameters) against the server.</summary>
    public static async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs a query (no parameters) and returns the first column of the first row.</summary>
    public static async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync() =>
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(Database)}; DROP DATABASE IF EXISTS {Quote(LedgerDatabase)}", CancellationToken.None);

    private static CrudValue Normalize(object value, string type) => type switch
    {
        "bool" => CrudValue.FromBoolean(Convert.ToBoolean(value, CultureInfo.InvariantCulture)),
        "int" => CrudValue.FromInteger(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        "float" => CrudValue.FromReal(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        "decimal" => ConformanceValues.Decimal((string)value),
        "uuid" => ConformanceValues.Uuid(Guid.Parse((string)value)),
        "instant" => ConformanceValues.Instant((DateTime)value),
        "date" => ConformanceValues.Date(DateOnly.FromDateTime((DateTime)value)),
        "time" => ConformanceValues.Time(TimeOnly.FromTimeSpan((TimeSpan)value)),
        "json" => ConformanceValues.Json((string)value),
        "bytes" => ConformanceValues.Bytes((byte[])value),
        _ => CrudValue.FromText((string)value),
    };

    private static (string Expression, string Type) Describe(string column, string dataType, string columnType)
    {
        var c = "t." + Quote(column);
        return dataType switch
        {
            "tinyint" when columnType.StartsWith("tinyint(1)", StringComparison.Ordinal) => (c, "bool"),
            "tinyint" or "smallint" or "mediumint" or "int" or "bigint" => ($"CAST({c} AS SIGNED)", "int"),
            "float" or "double" => (c, "float"),
            "decimal" => ($"CAST({c} AS CHAR)", "decimal"),
            "char" when columnType == "char(36)" => ($"CAST({c} AS CHAR)", "uuid"),
            "timestamp" => ($"CONVERT_TZ({c}, @@session.time_zone, '+00:00')", "instant"),
            "datetime" => (c, "instant"),
            "date" => (c, "date"),
            "time" => (c, "time"),
            "json" => ($"CAST({c} AS CHAR)", "json"),
            "longtext" when JsonColumns.Contains(column) => ($"CAST({c} AS CHAR)", "json"),
            "blob" or "binary" or "varbinary" or "longblob" or "mediumblob" => (c, "bytes"),
            _ => ($"CAST({c} AS CHAR)", "text"),
        };
    }

    private async Task<(string Name, string Expression, string Type)[]> ColumnsAsync(string table, CancellationToken cancellationToken)
    {
        if (_columns.TryGetValue(table, out var cached))
        {
            return cached;
        }

        var columns = new List<(string, string, string)>();
        await using (var connection = await DataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @table AND COLUMN_NAME <> 'id' ORDER BY ORDINAL_POSITION";
            command.Parameters.Add(new MariaDbParameter("db", Database));
            command.Parameters.Add(new MariaDbParameter("table", table));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                var (expression, type) = Describe(name, reader.GetString(1), reader.GetString(2));
                columns.Add((name, expression, type));
            }
        }

        Assert.True(columns.Count > 0, $"table '{table}' does not exist in {Database}");
        cached = [.. columns];
        _columns[table] = cached;
        return cached;
    }
}

using System.Globalization;
using Microsoft.Data.SqlClient;
using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.SqlServer.Tests.Conformance;

/// <summary>
/// The conformance schema in a SQL Server schema of its own per test (and the ledger in a second one), both dropped
/// afterwards, reached through Microsoft.Data.SqlClient at <c>POWERSYNC_TEST_SQLSERVER</c>. Enums are nvarchar with a
/// CHECK of the labels, arrays and JSON are nvarchar(max) with an ISJSON check (SQL Server has neither type).
/// </summary>
public sealed class SqlServerConformanceDatabase : ConformanceDatabase
{
    private static readonly HashSet<string> JsonColumns = new(StringComparer.Ordinal) { ConformanceSchema.Typed.Json, ConformanceSchema.Typed.IntArray, ConformanceSchema.Typed.TextArray };
    private readonly Dictionary<string, (string Name, string Type)[]> _columns = new(StringComparer.Ordinal);
    private readonly List<SqlConnection> _lockHolders = [];

    /// <summary>The connection string (the tests are skipped before this runs when none is configured).</summary>
    public static string ConnectionString => SqlServerTestServer.ConnectionString
        ?? throw new InvalidOperationException(SqlServerTestServer.SkipReason);

    /// <summary>This test's data schema.</summary>
    public string Schema { get; } = "conf_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>This test's ledger and dead-letter schema.</summary>
    public string LedgerSchema => Schema + "_ledger";

    /// <summary>Quotes an identifier.</summary>
    public static string Quote(string name) => SqlServerIdentifier.Quote(name);

    /// <summary>The schema-qualified, quoted name of a table of this test.</summary>
    public string Qualified(string table) => Quote(Schema) + "." + Quote(table);

    /// <inheritdoc />
    public override async Task CreateAsync(CancellationToken cancellationToken)
    {
        var hostile = string.Join(", ", ConformanceSchema.HostileColumns.Select(c => Quote(c) + " nvarchar(max)"));
        var labels = string.Join(", ", ConformanceSchema.MoodLabels.Select(l => "N'" + l + "'"));
        await ExecuteAsync($"CREATE SCHEMA {Quote(Schema)}", cancellationToken);
        await ExecuteAsync(
            $"""
            CREATE TABLE {Qualified("lists")} (id nvarchar(100) PRIMARY KEY, name nvarchar(max) NOT NULL, owner_id nvarchar(max), created_at datetimeoffset);
            CREATE TABLE {Qualified("todos")} (id nvarchar(100) PRIMARY KEY, list_id nvarchar(100) REFERENCES {Qualified("lists")} (id), description nvarchar(max), completed bit, version int, updated_at datetimeoffset);
            CREATE TABLE {Qualified("typed")} (
                id nvarchar(100) PRIMARY KEY,
                c_bool bit, c_int int, c_bigint bigint, c_numeric decimal(12,3), c_double float, c_uuid uniqueidentifier,
                c_timestamptz datetimeoffset, c_timestamp datetime2, c_date date, c_time time(6),
                c_json nvarchar(max) CHECK (ISJSON(c_json) = 1), c_int_array nvarchar(max) CHECK (ISJSON(c_int_array) = 1), c_text_array nvarchar(max) CHECK (ISJSON(c_text_array) = 1),
                c_enum nvarchar(10) CHECK (c_enum IN ({labels})), c_bytea varbinary(max), c_varchar nvarchar(5), c_text nvarchar(max),
                c_default nvarchar(max) DEFAULT N'{ConformanceSchema.DefaultText}', c_required nvarchar(max) NOT NULL);
            CREATE TABLE {Qualified(ConformanceSchema.HostileTable)} (id nvarchar(100) PRIMARY KEY, {hostile});
            """,
            cancellationToken);
    }

    /// <inheritdoc />
    public override void UseProvider(PowerSyncBackendBuilder builder, ConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.UseSqlServer(SqlClientFactory.Instance.CreateDataSource(ConnectionString), o =>
        {
            o.Schema = Schema;
            o.LedgerSchema = LedgerSchema;
            o.ReplaceOnPut.UnionWith(options.ReplaceOnPut);
            o.PatchInsertsMissingRows = options.PatchInsertsMissingRows;
            o.IgnoreUnknownColumns = options.IgnoreUnknownColumns;
            o.SessionContextKey = options.UserIdSetting;
        });
    }

    /// <inheritdoc />
    public override async Task<CrudData?> ReadRowAsync(string table, string id, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(table, cancellationToken);
        var select = string.Join(", ", columns.Select(c => c.Type is "decimal" ? $"CONVERT(nvarchar(60), t.{Quote(c.Name)})" : "t." + Quote(c.Name)).DefaultIfEmpty("1"));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqlCommand($"SELECT {select} FROM {Qualified(table)} AS t WHERE t.id = @id", connection);
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var values = new List<KeyValuePair<string, CrudValue>>();
        for (var i = 0; i < columns.Length; i++)
        {
            values.Add(KeyValuePair.Create(columns[i].Name, reader.IsDBNull(i) ? CrudValue.Null : Normalize(reader, i, columns[i])));
        }

        return CrudData.Create(values);
    }

    /// <inheritdoc />
    public override async Task<long> CountRowsAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqlCommand($"SELECT COUNT_BIG(*) FROM {Qualified(table)}", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<ConformanceDeadLetter>> ReadDeadLettersAsync(CancellationToken cancellationToken)
    {
        var letters = new List<ConformanceDeadLetter>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqlCommand(
            $"IF OBJECT_ID(N'{Quote(LedgerSchema).Replace("'", "''", StringComparison.Ordinal)}.dead_letters', N'U') IS NOT NULL " +
            $"SELECT user_id, client_id, transaction_id, error_code, operation_index, (SELECT COUNT(*) FROM OPENJSON(d.[transaction], '$.crud')) FROM {Quote(LedgerSchema)}.dead_letters AS d ORDER BY id",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new ConformanceDeadLetter(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.GetInt32(5)));
        }

        return letters;
    }

    /// <summary>
    /// A trigger makes the next <paramref name="times"/> transactions that write the table read a row another
    /// connection holds locked, with <c>NOWAIT, READCOMMITTEDLOCK</c> (so row versioning cannot skip the lock): error 1222 (lock request timeout), which the classifier retries. The
    /// count lives in a sequence, which a rollback does not undo; the transaction id kept in the session context makes
    /// each transaction count once however many statements it runs.
    /// </summary>
    /// <inheritdoc />
    public override async Task FailNextTransactionsAsync(string table, int times, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var s = Quote(Schema);
        await ExecuteAsync($"CREATE SEQUENCE {s}.fail_{suffix} AS bigint START WITH 1; CREATE TABLE {s}.hold_{suffix} (x int); INSERT INTO {s}.hold_{suffix} VALUES (1);", cancellationToken);
        await ExecuteAsync(
            $"""
            CREATE TRIGGER {s}.fail_{suffix} ON {Qualified(table)} AFTER INSERT, UPDATE, DELETE AS
            BEGIN
                SET NOCOUNT ON;
                IF SESSION_CONTEXT(N'fail_{suffix}') IS NULL OR CAST(SESSION_CONTEXT(N'fail_{suffix}') AS bigint) <> CURRENT_TRANSACTION_ID()
                BEGIN
                    DECLARE @tx bigint = CURRENT_TRANSACTION_ID();
                    EXEC sp_set_session_context @key = N'fail_{suffix}', @value = @tx;
                    DECLARE @held int;
                    IF NEXT VALUE FOR {s}.fail_{suffix} <= {times.ToString(CultureInfo.InvariantCulture)}
                        SELECT @held = x FROM {s}.hold_{suffix} WITH (NOWAIT, READCOMMITTEDLOCK);
                END
            END
            """,
            cancellationToken);
        var holder = await OpenAsync(cancellationToken);
        _lockHolders.Add(holder);
        await using var hold = new SqlCommand($"BEGIN TRANSACTION; UPDATE {s}.hold_{suffix} SET x = 2;", holder);
        await hold.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        foreach (var holder in _lockHolders)
        {
            await holder.DisposeAsync();
        }

        await DropSchemaAsync(Schema);
        await DropSchemaAsync(LedgerSchema);
    }

    /// <summary>Runs SQL against the test server.</summary>
    public static async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<SqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Drops every table (foreign keys first), sequence and the schema itself.</summary>
    private static Task DropSchemaAsync(string schema) => ExecuteAsync(
        $"""
        DECLARE @schema sysname = N'{schema}', @sql nvarchar(max) = N'';
        SELECT @sql += N'ALTER TABLE ' + QUOTENAME(@schema) + N'.' + QUOTENAME(OBJECT_NAME(parent_object_id)) + N' DROP CONSTRAINT ' + QUOTENAME(name) + N'; '
            FROM sys.foreign_keys WHERE schema_id = SCHEMA_ID(@schema);
        SELECT @sql += N'DROP TABLE ' + QUOTENAME(@schema) + N'.' + QUOTENAME(name) + N'; ' FROM sys.tables WHERE schema_id = SCHEMA_ID(@schema);
        SELECT @sql += N'DROP SEQUENCE ' + QUOTENAME(@schema) + N'.' + QUOTENAME(name) + N'; ' FROM sys.sequences WHERE schema_id = SCHEMA_ID(@schema);
        IF SCHEMA_ID(@schema) IS NOT NULL SET @sql += N'DROP SCHEMA ' + QUOTENAME(@schema) + N';';
        EXEC (@sql);
        """,
        CancellationToken.None);

    private static CrudValue Normalize(SqlDataReader reader, int i, (string Name, string Type) column) => column.Type switch
    {
        _ when JsonColumns.Contains(column.Name) => ConformanceValues.Json(reader.GetString(i)),
        "bit" => CrudValue.FromBoolean(reader.GetBoolean(i)),
        "tinyint" or "smallint" or "int" or "bigint" => CrudValue.FromInteger(Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)),
        "float" or "real" => CrudValue.FromReal(Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture)),
        "decimal" => ConformanceValues.Decimal(reader.GetString(i)),
        "uniqueidentifier" => ConformanceValues.Uuid(reader.GetGuid(i)),
        "datetimeoffset" => ConformanceValues.Instant(reader.GetDateTimeOffset(i)),
        "datetime2" => ConformanceValues.Instant(reader.GetDateTime(i)),
        "date" => ConformanceValues.Date(DateOnly.FromDateTime(reader.GetDateTime(i))),
        "time" => ConformanceValues.Time(TimeOnly.FromTimeSpan(reader.GetTimeSpan(i))),
        "varbinary" => ConformanceValues.Bytes(reader.GetFieldValue<byte[]>(i)),
        _ => CrudValue.FromText(reader.GetString(i)),
    };

    private async Task<(string Name, string Type)[]> ColumnsAsync(string table, CancellationToken cancellationToken)
    {
        if (_columns.TryGetValue(table, out var cached))
        {
            return cached;
        }

        var columns = new List<(string, string)>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqlCommand(
            "SELECT c.name, TYPE_NAME(c.system_type_id) FROM sys.columns c JOIN sys.tables t ON t.object_id = c.object_id " +
            "WHERE t.schema_id = SCHEMA_ID(@schema) AND t.name = @table AND c.name <> N'id' ORDER BY c.column_id",
            connection);
        command.Parameters.AddWithValue("@schema", Schema);
        command.Parameters.AddWithValue("@table", table);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.True(columns.Count > 0, $"table '{table}' does not exist in {Schema}");
        cached = [.. columns];
        _columns[table] = cached;
        return cached;
    }
}

using System.Globalization;
using Npgsql;
using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Postgres.Tests.Conformance;

/// <summary>
/// The conformance schema in a PostgreSQL schema of its own per test (and the ledger in a second one), both
/// dropped afterwards. Every test shares one data source, so a test costs a schema, not a connection pool.
/// </summary>
public sealed class PostgresConformanceDatabase : ConformanceDatabase
{
    private static readonly Lazy<NpgsqlDataSource> SharedDataSource = new(() => NpgsqlDataSource.Create(PostgresServer.ConnectionString));
    private readonly Dictionary<string, (string Name, string Expression, string Type)[]> _columns = new(StringComparer.Ordinal);

    /// <summary>The data source every test shares.</summary>
    public static NpgsqlDataSource DataSource => SharedDataSource.Value;

    /// <summary>This test's data schema.</summary>
    public string Schema { get; } = "conf_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>This test's ledger and dead-letter schema.</summary>
    public string LedgerSchema => Schema + "_ledger";

    /// <summary>Provider-specific options applied after the neutral ones.</summary>
    public Action<PostgresBackendOptions>? Configure { get; set; }

    /// <summary>The data source the provider uses (for example another role's); reads and set-up always use <see cref="DataSource"/>.</summary>
    public NpgsqlDataSource? ProviderDataSource { get; set; }

    /// <summary>Quotes an identifier.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The quoted name.</returns>
    public static string Quote(string name) => PostgresIdentifier.Quote(name);

    /// <summary>The schema-qualified, quoted name of a table of this test.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The name.</returns>
    public string Qualified(string table) => Quote(Schema) + "." + Quote(table);

    /// <inheritdoc />
    public override Task CreateAsync(CancellationToken cancellationToken)
    {
        var s = Quote(Schema);
        var hostile = string.Join(", ", ConformanceSchema.HostileColumns.Select(c => Quote(c) + " text"));
        var labels = string.Join(", ", ConformanceSchema.MoodLabels.Select(l => "'" + l + "'"));
        return ExecuteAsync(
            $"""
            CREATE SCHEMA {s};
            CREATE TYPE {s}.mood AS ENUM ({labels});
            CREATE TABLE {s}.lists (id text PRIMARY KEY, name text NOT NULL, owner_id text, created_at timestamptz);
            CREATE TABLE {s}.todos (id text PRIMARY KEY, list_id text REFERENCES {s}.lists (id), description text, completed boolean, version integer, updated_at timestamptz);
            CREATE TABLE {s}.typed (
                id text PRIMARY KEY,
                c_bool boolean, c_int integer, c_bigint bigint, c_numeric numeric(12,3), c_double double precision, c_uuid uuid,
                c_timestamptz timestamptz, c_timestamp timestamp, c_date date, c_time time, c_json jsonb, c_int_array integer[], c_text_array text[],
                c_enum {s}.mood, c_bytea bytea, c_varchar varchar(5), c_text text, c_default text DEFAULT '{ConformanceSchema.DefaultText}', c_required text NOT NULL);
            CREATE TABLE {Qualified(ConformanceSchema.HostileTable)} (id text PRIMARY KEY, {hostile});
            """,
            cancellationToken);
    }

    /// <inheritdoc />
    public override void UseProvider(PowerSyncBackendBuilder builder, ConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UsePostgres(ProviderDataSource ?? DataSource, o =>
        {
            o.Schema = Schema;
            o.LedgerSchema = LedgerSchema;
            o.ReplaceOnPut.UnionWith(options.ReplaceOnPut);
            o.PatchInsertsMissingRows = options.PatchInsertsMissingRows;
            o.IgnoreUnknownColumns = options.IgnoreUnknownColumns;
            o.UserIdSetting = options.UserIdSetting;
            Configure?.Invoke(o);
        });
    }

    /// <inheritdoc />
    public override async Task<CrudData?> ReadRowAsync(string table, string id, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(table, cancellationToken);
        await using var command = DataSource.CreateCommand(
            $"SELECT {string.Join(", ", columns.Select(c => c.Expression).DefaultIfEmpty("1"))} FROM {Qualified(table)} AS t WHERE t.id::text = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var values = new List<KeyValuePair<string, CrudValue>>();
        for (var i = 0; i < columns.Length; i++)
        {
            values.Add(KeyValuePair.Create(columns[i].Name, reader.IsDBNull(i) ? CrudValue.Null : Normalize(reader, i, columns[i].Type)));
        }

        return CrudData.Create(values);
    }

    /// <inheritdoc />
    public override async Task<long> CountRowsAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand($"SELECT count(*) FROM {Qualified(table)}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<ConformanceDeadLetter>> ReadDeadLettersAsync(CancellationToken cancellationToken)
    {
        var letters = new List<ConformanceDeadLetter>();
        if (!await ExistsAsync(LedgerSchema, "dead_letters", cancellationToken))
        {
            return letters;
        }

        await using var command = DataSource.CreateCommand(
            $"SELECT user_id, client_id, transaction_id, error_code, operation_index, jsonb_array_length(transaction->'crud') FROM {Quote(LedgerSchema)}.dead_letters ORDER BY id");
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
    /// A statement trigger raises a serialization failure (40001) in the next <paramref name="times"/> transactions
    /// that write the table. The count lives in a sequence, which a rollback does not undo; a transaction-local
    /// setting makes each transaction count once however many statements it runs.
    /// </summary>
    /// <inheritdoc />
    public override Task FailNextTransactionsAsync(string table, int times, CancellationToken cancellationToken)
    {
        var s = Quote(Schema);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var sequence = $"{s}.fail_{suffix}";
        return ExecuteAsync(
            $"""
            CREATE SEQUENCE {sequence};
            CREATE FUNCTION {s}.fail_{suffix}_fn() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF current_setting('conformance.fail_{suffix}', true) IS DISTINCT FROM 'counted' THEN
                    PERFORM set_config('conformance.fail_{suffix}', 'counted', true);
                    IF nextval('{sequence.Replace("'", "''", StringComparison.Ordinal)}') <= {times.ToString(CultureInfo.InvariantCulture)} THEN
                        RAISE EXCEPTION 'injected transient failure' USING ERRCODE = '40001';
                    END IF;
                END IF;
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER fail_{suffix} BEFORE INSERT OR UPDATE OR DELETE ON {Qualified(table)} FOR EACH STATEMENT EXECUTE FUNCTION {s}.fail_{suffix}_fn();
            """,
            cancellationToken);
    }

    /// <summary>Runs SQL against the test's database.</summary>
    /// <param name="sql">The SQL.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    public static async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync() =>
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {Quote(Schema)} CASCADE; DROP SCHEMA IF EXISTS {Quote(LedgerSchema)} CASCADE", CancellationToken.None);

    private static CrudValue Normalize(NpgsqlDataReader reader, int i, string type) => type switch
    {
        "bool" => CrudValue.FromBoolean(reader.GetBoolean(i)),
        "int2" or "int4" or "int8" => CrudValue.FromInteger(reader.GetInt64(i)),
        "float4" or "float8" => CrudValue.FromReal(reader.GetDouble(i)),
        "numeric" => ConformanceValues.Decimal(reader.GetString(i)),
        "uuid" => ConformanceValues.Uuid(reader.GetGuid(i)),
        "timestamptz" or "timestamp" => ConformanceValues.Instant(reader.GetDateTime(i)),
        "date" => ConformanceValues.Date(reader.GetFieldValue<DateOnly>(i)),
        "time" => ConformanceValues.Time(reader.GetFieldValue<TimeOnly>(i)),
        "json" or "jsonb" or "array" => ConformanceValues.Json(reader.GetString(i)),
        "bytea" => ConformanceValues.Bytes(reader.GetFieldValue<byte[]>(i)),
        _ => CrudValue.FromText(reader.GetString(i)),
    };

    private static string Expression(string column, string type) => type switch
    {
        "bool" or "timestamptz" or "timestamp" or "date" or "time" or "uuid" or "bytea" => "t." + Quote(column),
        "int2" or "int4" or "int8" => $"t.{Quote(column)}::int8",
        "float4" or "float8" => $"t.{Quote(column)}::float8",
        "array" => $"array_to_json(t.{Quote(column)})::text",
        _ => $"t.{Quote(column)}::text",
    };

    private async Task<(string Name, string Expression, string Type)[]> ColumnsAsync(string table, CancellationToken cancellationToken)
    {
        if (_columns.TryGetValue(table, out var cached))
        {
            return cached;
        }

        var columns = new List<(string, string, string)>();
        await using var command = DataSource.CreateCommand("""
            SELECT a.attname, CASE WHEN t.typcategory = 'A' THEN 'array' ELSE t.typname END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
            WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'id'
            ORDER BY a.attnum
            """);
        command.Parameters.AddWithValue(Schema);
        command.Parameters.AddWithValue(table);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (name, type) = (reader.GetString(0), reader.GetString(1));
                columns.Add((name, Expression(name, type), type));
            }
        }

        Assert.True(columns.Count > 0, $"table '{table}' does not exist in {Schema}");
        cached = [.. columns];
        _columns[table] = cached;
        return cached;
    }

    private static async Task<bool> ExistsAsync(string schema, string table, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
        command.Parameters.AddWithValue(Quote(schema) + "." + Quote(table));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

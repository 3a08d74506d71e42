using PowerSync.Backend.Relational;

namespace PowerSync.Backend.MySql;

/// <summary>How the MySQL / MariaDB provider finds and writes the source tables.</summary>
public sealed class MySqlBackendOptions
{
    /// <summary>The database that holds the tables clients write; <see langword="null"/> for the connection's default database.</summary>
    /// <value><see langword="null"/>.</value>
    public string? Database { get; set; }

    /// <summary>
    /// The tables clients may write (after mapping). Empty means every table of <see cref="Database"/> whose
    /// primary key is the single column <see cref="IdColumn"/>.
    /// </summary>
    public ISet<string> Tables { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The primary-key column that holds PowerSync row ids.</summary>
    /// <value><c>id</c>.</value>
    public string IdColumn { get; set; } = "id";

    /// <summary>Tables where PUT replaces the whole row (columns the client omitted go back to their defaults) instead of merging.</summary>
    public ISet<string> ReplaceOnPut { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether a PATCH of a missing row inserts it; by default it is a no-op (the row was deleted meanwhile).</summary>
    /// <value><see langword="false"/>.</value>
    public bool PatchInsertsMissingRows { get; set; }

    /// <summary>Whether a column the table lacks is refused (<c>SCHEMA_MISMATCH</c>) or silently dropped.</summary>
    /// <value><see langword="false"/>: refused.</value>
    public bool IgnoreUnknownColumns { get; set; }

    /// <summary>The database of the ledger and dead-letter tables (created by the migrations when missing).</summary>
    /// <value><c>powersync</c>.</value>
    public string LedgerDatabase { get; set; } = "powersync";

    /// <summary>Whether the provider creates and upgrades its tables on first use (otherwise apply <see cref="MySqlMigrations.GetScript"/> by hand).</summary>
    /// <value><see langword="true"/>.</value>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>The least time between two catalog reloads triggered by unknown tables or columns.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan SchemaRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The zone whose wall-clock time <c>DATETIME</c> columns hold: instants clients send are converted to it.
    /// <c>TIMESTAMP</c> columns always store the instant (converted from UTC to the session time zone in SQL).
    /// </summary>
    /// <value><see cref="TimeZoneInfo.Utc"/>.</value>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Whether <c>BINARY(16)</c> columns hold UUIDs (written with <c>UNHEX(REPLACE(?, '-', ''))</c>) instead of raw bytes.</summary>
    /// <value><see langword="false"/>.</value>
    public bool BinaryUuids { get; set; }

    /// <summary>The most rows one multi-row statement carries.</summary>
    /// <value>1000.</value>
    public int MaxRowsPerStatement { get; set; } = 1000;

    /// <summary>The most parameters one statement carries (MySQL's prepared statements stop at 65,535).</summary>
    /// <value>30000.</value>
    public int MaxParametersPerStatement { get; set; } = 30_000;

    /// <summary>
    /// The most bytes of values one statement carries; the provider also keeps each statement under a quarter of the
    /// server's <c>max_allowed_packet</c>, read at first use.
    /// </summary>
    /// <value>4 MiB.</value>
    public int MaxBytesPerStatement { get; set; } = 4 * 1024 * 1024;

    /// <summary>The options the relational layer shares with the other SQL providers, copied.</summary>
    internal RelationalSettings ToSettings() => new()
    {
        Schema = Database ?? "(default database)",
        LedgerSchema = LedgerDatabase,
        IdColumn = IdColumn,
        Tables = new HashSet<string>(Tables, StringComparer.Ordinal),
        ReplaceOnPut = new HashSet<string>(ReplaceOnPut, StringComparer.Ordinal),
        PatchInsertsMissingRows = PatchInsertsMissingRows,
        IgnoreUnknownColumns = IgnoreUnknownColumns,
        ApplyMigrations = ApplyMigrations,
        SchemaRefreshInterval = SchemaRefreshInterval,
    };
}

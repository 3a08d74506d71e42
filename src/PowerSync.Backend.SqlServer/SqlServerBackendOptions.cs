using PowerSync.Backend.Relational;

namespace PowerSync.Backend.SqlServer;

/// <summary>How the SQL Server provider finds and writes the source tables.</summary>
public sealed class SqlServerBackendOptions
{
    /// <summary>The schema that holds the tables clients write.</summary>
    /// <value><c>dbo</c>.</value>
    public string Schema { get; set; } = "dbo";

    /// <summary>
    /// The tables clients may write (after mapping). Empty means every table of <see cref="Schema"/> whose
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

    /// <summary>The schema of the ledger and dead-letter tables.</summary>
    /// <value><c>powersync</c>.</value>
    public string LedgerSchema { get; set; } = "powersync";

    /// <summary>Whether the provider creates and upgrades its tables on first use (otherwise apply <see cref="SqlServerMigrations.GetScript"/> by hand).</summary>
    /// <value><see langword="true"/>.</value>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>
    /// The <c>SESSION_CONTEXT</c> key that receives the user id at the start of each transaction
    /// (<c>sp_set_session_context</c>), so row-level security predicates can read <c>SESSION_CONTEXT(N'key')</c>.
    /// <see langword="null"/> to set nothing.
    /// </summary>
    /// <value><see langword="null"/>.</value>
    public string? SessionContextKey { get; set; }

    /// <summary>The least time between two catalog reloads triggered by unknown tables or columns.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan SchemaRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The options the relational layer shares with the other SQL providers, copied.</summary>
    internal RelationalSettings ToSettings() => new()
    {
        Schema = Schema,
        LedgerSchema = LedgerSchema,
        IdColumn = IdColumn,
        Tables = new HashSet<string>(Tables, StringComparer.Ordinal),
        ReplaceOnPut = new HashSet<string>(ReplaceOnPut, StringComparer.Ordinal),
        PatchInsertsMissingRows = PatchInsertsMissingRows,
        IgnoreUnknownColumns = IgnoreUnknownColumns,
        ApplyMigrations = ApplyMigrations,
        SchemaRefreshInterval = SchemaRefreshInterval,
    };
}

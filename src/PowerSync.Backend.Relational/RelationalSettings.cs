namespace PowerSync.Backend.Relational;

/// <summary>
/// The options every SQL provider has, copied from the provider's public options class when its store is built
/// (see each provider's options for the documented defaults).
/// </summary>
internal sealed class RelationalSettings
{
    /// <summary>Where the tables clients write live (a schema or a database), for messages and logs.</summary>
    public required string Schema { get; init; }

    /// <summary>Where the ledger and dead-letter tables live, for logs.</summary>
    public required string LedgerSchema { get; init; }

    /// <summary>The primary-key column that holds PowerSync row ids.</summary>
    public string IdColumn { get; init; } = "id";

    /// <summary>The tables clients may write; empty means every table whose primary key is <see cref="IdColumn"/>.</summary>
    public IReadOnlySet<string> Tables { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Tables where PUT resets the columns it omits to their defaults.</summary>
    public IReadOnlySet<string> ReplaceOnPut { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether a PATCH of a missing row inserts it.</summary>
    public bool PatchInsertsMissingRows { get; init; }

    /// <summary>Whether unknown columns are dropped instead of refused.</summary>
    public bool IgnoreUnknownColumns { get; init; }

    /// <summary>Whether the store creates and upgrades its tables on first use.</summary>
    public bool ApplyMigrations { get; init; } = true;

    /// <summary>The least time between two catalog reloads triggered by unknown names or schema errors.</summary>
    public TimeSpan SchemaRefreshInterval { get; init; } = TimeSpan.FromSeconds(5);
}

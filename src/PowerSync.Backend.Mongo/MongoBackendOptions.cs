namespace PowerSync.Backend.Mongo;

/// <summary>How the MongoDB provider writes client transactions, and where it keeps its ledger and dead letters.</summary>
public sealed class MongoBackendOptions
{
    /// <summary>The database that holds the collections (and, by default, the ledger and dead letters).</summary>
    /// <value>Required.</value>
    public string Database { get; set; } = string.Empty;

    /// <summary>
    /// The client tables that may be written (after the pipeline's mapping), each with its collection. A table not
    /// listed is refused with <c>SCHEMA_MISMATCH</c>: client payloads never name a collection on their own.
    /// </summary>
    public IDictionary<string, MongoCollectionOptions> Collections { get; } = new Dictionary<string, MongoCollectionOptions>(StringComparer.Ordinal);

    /// <summary>Whether each client transaction runs in a MongoDB transaction (replica set or sharded cluster).</summary>
    /// <value>
    /// <see langword="true"/>. <see langword="false"/> is for a standalone server, which has no transactions: each
    /// command is atomic only per document, a refused transaction leaves its earlier entries applied, and the ledger
    /// is advanced after the writes, so an interrupted upload is applied again when re-sent.
    /// </value>
    public bool UseTransactions { get; set; } = true;

    /// <summary>Whether a PATCH of a missing document inserts it (an upsert); by default it is a no-op.</summary>
    /// <value><see langword="false"/>.</value>
    public bool PatchInsertsMissingDocuments { get; set; }

    /// <summary>The ledger collection: one document <c>{_id: {user, client}, last_transaction_id, last_operation_id}</c> per client.</summary>
    /// <value><c>powersync_ledger</c>.</value>
    public string LedgerCollection { get; set; } = "powersync_ledger";

    /// <summary>The dead-letter collection.</summary>
    /// <value><c>powersync_dead_letters</c>.</value>
    public string DeadLetterCollection { get; set; } = "powersync_dead_letters";

    /// <summary>The most statements one <c>update</c> or <c>delete</c> command carries; longer runs are split.</summary>
    /// <value>1,000.</value>
    public int MaxStatementsPerCommand { get; set; } = 1000;

    /// <summary>
    /// How long a transaction that lost a write conflict (code 112, or a ledger that moved) keeps being re-run, each
    /// time in a new MongoDB transaction after a pause of 1–20 ms, before the failure goes to the pipeline's retry policy.
    /// </summary>
    /// <value>5 seconds.</value>
    /// <remarks>MongoDB aborts the second writer of a document instead of making it wait, so ordinary contention shows
    /// up as write conflicts; the drivers' <c>WithTransaction</c> likewise re-runs them for a time, not a count.</remarks>
    public TimeSpan WriteConflictTimeLimit { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Declares a client table and how it maps to its collection.</summary>
    /// <param name="table">The table, as the pipeline passes it (after mapping hooks).</param>
    /// <param name="configure">Sets the collection's options.</param>
    /// <returns>These options.</returns>
    public MongoBackendOptions Collection(string table, Action<MongoCollectionOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        if (!Collections.TryGetValue(table, out var collection))
        {
            collection = new MongoCollectionOptions();
            Collections[table] = collection;
        }

        configure?.Invoke(collection);
        return this;
    }
}

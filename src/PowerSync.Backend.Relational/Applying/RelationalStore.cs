using System.Data.Common;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.Relational.Applying;

/// <summary>
/// Applies client transactions to a SQL database set-based, keeps the ledger and the dead letters, and reads stored
/// rows for conflict hooks: the same steps for every database, each one's SQL and batching from its
/// <see cref="RelationalDialect"/>. Providers wrap it in their public store type.
/// </summary>
/// <remarks>
/// One transaction costs three round trips whatever its size when the dialect batches (ledger lock; every statement
/// with the ledger update; commit), plus one when conflict hooks need stored rows. Without a client id the first
/// disappears unless the dialect hands the user id to the database.
/// </remarks>
internal sealed partial class RelationalStore : ICrudApplier, IIdempotencyLedger, IDeadLetterStore, IDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly RelationalDialect _dialect;
    private readonly RelationalSettings _settings;
    private readonly RelationalPlanner _planner;
    private readonly SchemaCache _schema;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private long _roundTrips;
    private long _statements;
    private volatile bool _ready;

    /// <summary>Creates the store.</summary>
    /// <param name="dataSource">The database; the caller keeps ownership.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="settings">The provider's options.</param>
    /// <param name="timeProvider">The clock (schema refresh pacing).</param>
    /// <param name="logger">The provider's logger.</param>
    public RelationalStore(DbDataSource dataSource, RelationalDialect dialect, RelationalSettings settings, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        _dialect = dialect;
        _settings = settings;
        _logger = logger;
        _planner = new RelationalPlanner(settings, dialect.Values, dialect.Statements);
        _schema = new SchemaCache(dialect.ReadCatalogAsync, settings.SchemaRefreshInterval, timeProvider);
    }

    /// <summary>Database round trips made so far (batches, queries and commits).</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Data statements (set-based inserts, updates and deletes) sent so far.</summary>
    public long Statements => Interlocked.Read(ref _statements);

    /// <inheritdoc />
    public async ValueTask<LedgerPosition> GetPositionAsync(ClientKey client, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var statement = _dialect.ReadPosition(client);
        using var command = _dataSource.CreateCommand(statement.Sql);
        foreach (var value in statement.Parameters)
        {
            command.Parameters.Add(_dialect.CreateParameter(value));
        }

        CountRoundTrip();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadPosition(reader) : LedgerPosition.None;
        }
    }

    /// <summary>Reloads the catalog now, for example right after a migration added tables or columns.</summary>
    /// <param name="cancellationToken">Cancels the reload.</param>
    /// <returns>A task that completes when the new catalog is in use.</returns>
    public async Task RefreshSchemaAsync(CancellationToken cancellationToken) =>
        await _schema.ReloadAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose()
    {
        _schema.Dispose();
        _migrating.Dispose();
    }

    private static LedgerPosition ReadPosition(DbDataReader reader) => new(
        reader.IsDBNull(0) ? null : reader.GetInt64(0),
        reader.IsDBNull(1) ? null : reader.GetInt64(1));

    private void CountRoundTrip() => Interlocked.Increment(ref _roundTrips);

    /// <summary>Runs a batch, counting its round trips (the first before it runs, so failures count too).</summary>
    private async Task ExecuteAsync(Sql.StatementBatch batch, CancellationToken cancellationToken)
    {
        CountRoundTrip();
        var roundTrips = await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (roundTrips > 1)
        {
            Interlocked.Add(ref _roundTrips, roundTrips - 1);
        }
    }

    private async Task CommitAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        CountRoundTrip();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready || !_settings.ApplyMigrations)
        {
            return;
        }

        await _migrating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                var applied = await _dialect.MigrateAsync(cancellationToken).ConfigureAwait(false);
                if (applied.Count > 0)
                {
                    Log.Migrated(_logger, _settings.LedgerSchema, string.Join(", ", applied));
                }

                _ready = true;
            }
        }
        finally
        {
            _migrating.Release();
        }
    }

    /// <summary>Event ids 2000–2099 belong to the relational layer (docs/adr/0008-relational-layer.md).</summary>
    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Information, "Applied PowerSync.Backend migrations {Versions} in schema {Schema}")]
        public static partial void Migrated(ILogger logger, string schema, string versions);

        [LoggerMessage(2002, LogLevel.Information, "Reloaded the catalog of schema {Schema} after an unknown table or column")]
        public static partial void SchemaReloaded(ILogger logger, string schema);
    }
}

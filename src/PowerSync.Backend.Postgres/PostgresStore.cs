using Microsoft.Extensions.Logging;
using Npgsql;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Relational.Applying;

namespace PowerSync.Backend.Postgres;

/// <summary>
/// The PostgreSQL provider: applies client transactions set-based, keeps the ledger and the dead letters in
/// <see cref="PostgresBackendOptions.LedgerSchema"/>, and reads stored rows for conflict hooks.
/// </summary>
/// <remarks>
/// One transaction costs three round trips whatever its size (ledger lock; all statements with the ledger
/// update, batched; commit), plus one when conflict hooks need stored rows. Without a client id the first
/// disappears unless a user-id setting for row-level security is configured.
/// </remarks>
public sealed class PostgresStore : ICrudApplier, IIdempotencyLedger, IDeadLetterStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly RelationalStore _store;

    /// <summary>Creates the store.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="options">The provider's options.</param>
    /// <param name="timeProvider">The clock (schema refresh pacing).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="ownsDataSource">Whether disposing the store disposes <paramref name="dataSource"/>.</param>
    public PostgresStore(NpgsqlDataSource dataSource, PostgresBackendOptions options, TimeProvider timeProvider, ILogger<PostgresStore> logger, bool ownsDataSource = false)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _store = new RelationalStore(dataSource, new PostgresDialect(dataSource, options), options.ToSettings(), timeProvider, logger);
    }

    /// <summary>Database round trips made so far (batches, queries and commits), for benchmarks and diagnostics.</summary>
    public long RoundTrips => _store.RoundTrips;

    /// <summary>Data statements (set-based inserts, updates and deletes) sent so far, for benchmarks and diagnostics.</summary>
    public long Statements => _store.Statements;

    /// <inheritdoc />
    public ValueTask<ApplyOutcome> ApplyAsync(ApplyContext context, CancellationToken cancellationToken) =>
        _store.ApplyAsync(context, cancellationToken);

    /// <inheritdoc />
    public ValueTask<LedgerPosition> GetPositionAsync(ClientKey client, CancellationToken cancellationToken) =>
        _store.GetPositionAsync(client, cancellationToken);

    /// <inheritdoc />
    public ValueTask WriteAsync(DeadLetter letter, CancellationToken cancellationToken) =>
        _store.WriteAsync(letter, cancellationToken);

    /// <summary>Reloads the catalog now, for example right after a migration added tables or columns.</summary>
    /// <param name="cancellationToken">Cancels the reload.</param>
    /// <returns>A task that completes when the new catalog is in use.</returns>
    public Task RefreshSchemaAsync(CancellationToken cancellationToken) => _store.RefreshSchemaAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}

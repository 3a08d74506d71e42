using System.Data.Common;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Relational.Applying;

namespace PowerSync.Backend.MySql;

/// <summary>
/// The MySQL / MariaDB provider: applies client transactions with multi-row statements, keeps the ledger and the
/// dead letters in <see cref="MySqlBackendOptions.LedgerDatabase"/>, and reads stored rows for conflict hooks.
/// </summary>
/// <remarks>
/// One transaction costs three round trips whatever its size (ledger lock; all statements with the ledger update,
/// batched; commit), plus one when conflict hooks need stored rows. A failed statement (a lock-wait timeout rolls
/// back only the statement in MySQL) never commits: the store disposes every failed transaction uncommitted, which
/// rolls all of it back.
/// </remarks>
public sealed class MySqlStore : ICrudApplier, IIdempotencyLedger, IDeadLetterStore, IAsyncDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly MySqlDialect _dialect;
    private readonly RelationalStore _store;

    /// <summary>Creates the store.</summary>
    /// <param name="dataSource">The database (MySqlConnector's <c>MySqlDataSource</c> or any ADO.NET data source for MySQL).</param>
    /// <param name="options">The provider's options.</param>
    /// <param name="timeProvider">The clock (schema refresh pacing).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="ownsDataSource">Whether disposing the store disposes <paramref name="dataSource"/>.</param>
    public MySqlStore(DbDataSource dataSource, MySqlBackendOptions options, TimeProvider timeProvider, ILogger<MySqlStore> logger, bool ownsDataSource = false)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _dialect = new MySqlDialect(dataSource, options);
        _store = new RelationalStore(dataSource, _dialect, options.ToSettings(), timeProvider, logger);
    }

    /// <summary>Database round trips made so far (batches, queries and commits), for benchmarks and diagnostics.</summary>
    public long RoundTrips => _store.RoundTrips;

    /// <summary>Data statements (multi-row inserts, updates and deletes) sent so far, for benchmarks and diagnostics.</summary>
    public long Statements => _store.Statements;

    /// <summary>The server version string's reading once the store has been used: <c>MariaDB 10.11.6</c> or <c>MySQL 8.0.36</c>.</summary>
    public string? ServerDescription => _dialect.Server is { } server
        ? (server.Flavor == MySqlFlavor.MariaDb ? "MariaDB " : "MySQL ") + server.Version
        : null;

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
        _dialect.Dispose();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}

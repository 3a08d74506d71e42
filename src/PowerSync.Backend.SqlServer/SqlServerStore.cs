using System.Data.Common;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Relational.Applying;

namespace PowerSync.Backend.SqlServer;

/// <summary>
/// The SQL Server provider: applies client transactions set-based, keeps the ledger and the dead letters in
/// <see cref="SqlServerBackendOptions.LedgerSchema"/>, and reads stored rows for conflict hooks.
/// </summary>
/// <remarks>
/// It works through any ADO.NET <see cref="DbDataSource"/> for SQL Server (Microsoft.Data.SqlClient is the usual one)
/// and needs <c>OPENJSON</c>: SQL Server 2016 or newer, database compatibility level 130 or higher.
/// </remarks>
public sealed class SqlServerStore : ICrudApplier, IIdempotencyLedger, IDeadLetterStore, IAsyncDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly RelationalStore _store;

    /// <summary>Creates the store.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="options">The provider's options.</param>
    /// <param name="timeProvider">The clock (schema refresh pacing).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="ownsDataSource">Whether disposing the store disposes <paramref name="dataSource"/>.</param>
    public SqlServerStore(DbDataSource dataSource, SqlServerBackendOptions options, TimeProvider timeProvider, ILogger<SqlServerStore> logger, bool ownsDataSource = false)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _store = new RelationalStore(dataSource, new SqlServerDialect(dataSource, options), options.ToSettings(), timeProvider, logger);
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

using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Postgres.Schema;
using PowerSync.Backend.Postgres.Sql;

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
public sealed partial class PostgresStore : ICrudApplier, IIdempotencyLedger, IDeadLetterStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresBackendOptions _options;
    private readonly PostgresSchemaCache _schema;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private readonly string _ledger;
    private readonly string _deadLetters;
    private long _roundTrips;
    private long _statements;
    private volatile bool _ready;

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
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _schema = new PostgresSchemaCache(dataSource, options, timeProvider);
        _ledger = PostgresIdentifier.Quote(options.LedgerSchema) + ".ledger";
        _deadLetters = PostgresIdentifier.Quote(options.LedgerSchema) + ".dead_letters";
    }

    /// <summary>Database round trips made so far (batches, queries and commits), for benchmarks and diagnostics.</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Data statements (set-based inserts, updates and deletes) sent so far, for benchmarks and diagnostics.</summary>
    public long Statements => Interlocked.Read(ref _statements);

    /// <inheritdoc />
    public async ValueTask<LedgerPosition> GetPositionAsync(ClientKey client, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = _dataSource.CreateCommand($"SELECT last_transaction_id, last_operation_id FROM {_ledger} WHERE user_id = $1 AND client_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = client.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = client.ClientId });
        CountRoundTrip();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadPosition(reader) : LedgerPosition.None;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _schema.Dispose();
        _migrating.Dispose();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static LedgerPosition ReadPosition(NpgsqlDataReader reader) => new(
        reader.IsDBNull(0) ? null : reader.GetInt64(0),
        reader.IsDBNull(1) ? null : reader.GetInt64(1));

    private static NpgsqlParameter TextArray(string?[] values) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Nullable(long? value) => new() { Value = value is null ? DBNull.Value : value.Value, NpgsqlDbType = NpgsqlDbType.Bigint };

    private void CountRoundTrip() => Interlocked.Increment(ref _roundTrips);

    private async ValueTask EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready || !_options.ApplyMigrations)
        {
            return;
        }

        await _migrating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                var applied = await PostgresMigrations.ApplyAsync(_dataSource, _options.LedgerSchema, cancellationToken).ConfigureAwait(false);
                if (applied.Count > 0)
                {
                    Log.Migrated(_logger, _options.LedgerSchema, string.Join(", ", applied));
                }

                _ready = true;
            }
        }
        finally
        {
            _migrating.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Information, "Applied PowerSync.Backend migrations {Versions} in schema {Schema}")]
        public static partial void Migrated(ILogger logger, string schema, string versions);

        [LoggerMessage(2002, LogLevel.Information, "Reloaded the catalog of schema {Schema} after an unknown table or column")]
        public static partial void SchemaReloaded(ILogger logger, string schema);
    }
}

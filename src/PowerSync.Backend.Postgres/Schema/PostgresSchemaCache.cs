using Npgsql;

namespace PowerSync.Backend.Postgres.Schema;

/// <summary>
/// The catalog, read once and kept; reloaded on demand (an unknown table or column, a schema error from the
/// server) but never more often than <see cref="PostgresBackendOptions.SchemaRefreshInterval"/>, so hostile
/// uploads naming unknown tables cannot turn into a catalog query per request.
/// </summary>
internal sealed class PostgresSchemaCache : IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresBackendOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private PostgresSchemaSnapshot? _snapshot;
    private volatile bool _stale;
    private long _loadedAt;

    public PostgresSchemaCache(NpgsqlDataSource dataSource, PostgresBackendOptions options, TimeProvider timeProvider)
    {
        _dataSource = dataSource;
        _options = options;
        _timeProvider = timeProvider;
    }

    public async ValueTask<PostgresSchemaSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return snapshot is not null && !_stale ? snapshot : await LoadAsync(force: snapshot is null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reloads unless the last load is more recent than the refresh interval.</summary>
    public ValueTask<PostgresSchemaSnapshot> RefreshAsync(CancellationToken cancellationToken) => LoadAsync(force: false, cancellationToken);

    /// <summary>Reloads now, whatever the interval.</summary>
    public ValueTask<PostgresSchemaSnapshot> ReloadAsync(CancellationToken cancellationToken) => LoadAsync(force: true, cancellationToken);

    /// <summary>Marks the cache as stale after the server reported a schema error: the next use reloads (paced as <see cref="RefreshAsync"/>).</summary>
    public void Invalidate() => _stale = true;

    public void Dispose() => _loading.Dispose();

    private async ValueTask<PostgresSchemaSnapshot> LoadAsync(bool force, CancellationToken cancellationToken)
    {
        var seen = Volatile.Read(ref _snapshot);
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have loaded while this one waited.
            if (_snapshot is not null && (!ReferenceEquals(_snapshot, seen) || (!force && _timeProvider.GetElapsedTime(_loadedAt) < _options.SchemaRefreshInterval)))
            {
                return _snapshot;
            }

            _stale = false;

            var snapshot = await PostgresSchemaReader.ReadAsync(_dataSource, _options.Schema, _options.IdColumn, cancellationToken).ConfigureAwait(false);
            _loadedAt = _timeProvider.GetTimestamp();
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }
}

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
    private long _loadedAt;

    public PostgresSchemaCache(NpgsqlDataSource dataSource, PostgresBackendOptions options, TimeProvider timeProvider)
    {
        _dataSource = dataSource;
        _options = options;
        _timeProvider = timeProvider;
    }

    public async ValueTask<PostgresSchemaSnapshot> GetAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _snapshot) ?? await LoadAsync(force: true, cancellationToken).ConfigureAwait(false);

    /// <summary>Reloads unless the last load is more recent than the refresh interval.</summary>
    public ValueTask<PostgresSchemaSnapshot> RefreshAsync(CancellationToken cancellationToken) => LoadAsync(force: false, cancellationToken);

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

namespace PowerSync.Backend.Relational.Schema;

/// <summary>
/// The catalog, read once and kept; reloaded on demand (an unknown table or column, a schema error from the
/// server) but never more often than the refresh interval, so hostile uploads naming unknown tables cannot turn
/// into a catalog query per request.
/// </summary>
internal sealed class SchemaCache : IDisposable
{
    private readonly Func<CancellationToken, Task<RelationalCatalog>> _read;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private RelationalCatalog? _catalog;
    private volatile bool _stale;
    private long _loadedAt;

    /// <summary>Creates the cache.</summary>
    /// <param name="read">Reads the catalog from the database (the dialect's catalog query).</param>
    /// <param name="refreshInterval">The least time between two paced reloads.</param>
    /// <param name="timeProvider">The clock.</param>
    public SchemaCache(Func<CancellationToken, Task<RelationalCatalog>> read, TimeSpan refreshInterval, TimeProvider timeProvider)
    {
        _read = read;
        _refreshInterval = refreshInterval;
        _timeProvider = timeProvider;
    }

    /// <summary>The cached catalog; loaded on first use, and again (paced) after <see cref="Invalidate"/>.</summary>
    public async ValueTask<RelationalCatalog> GetAsync(CancellationToken cancellationToken)
    {
        var catalog = Volatile.Read(ref _catalog);
        return catalog is not null && !_stale ? catalog : await LoadAsync(force: catalog is null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reloads unless the last load is more recent than the refresh interval.</summary>
    public ValueTask<RelationalCatalog> RefreshAsync(CancellationToken cancellationToken) => LoadAsync(force: false, cancellationToken);

    /// <summary>Reloads now, whatever the interval.</summary>
    public ValueTask<RelationalCatalog> ReloadAsync(CancellationToken cancellationToken) => LoadAsync(force: true, cancellationToken);

    /// <summary>Marks the cache as stale after the server reported a schema error: the next use reloads (paced as <see cref="RefreshAsync"/>).</summary>
    public void Invalidate() => _stale = true;

    /// <inheritdoc />
    public void Dispose() => _loading.Dispose();

    private async ValueTask<RelationalCatalog> LoadAsync(bool force, CancellationToken cancellationToken)
    {
        var seen = Volatile.Read(ref _catalog);
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have loaded while this one waited.
            if (_catalog is not null && (!ReferenceEquals(_catalog, seen) || (!force && _timeProvider.GetElapsedTime(_loadedAt) < _refreshInterval)))
            {
                return _catalog;
            }

            _stale = false;
            var catalog = await _read(cancellationToken).ConfigureAwait(false);
            _loadedAt = _timeProvider.GetTimestamp();
            Volatile.Write(ref _catalog, catalog);
            return catalog;
        }
        finally
        {
            _loading.Release();
        }
    }
}

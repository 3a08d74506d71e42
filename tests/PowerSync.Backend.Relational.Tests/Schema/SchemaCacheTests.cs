using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.Relational.Tests.Schema;

/// <summary>The catalog is read once, and reloaded on demand no more often than the refresh interval.</summary>
public sealed class SchemaCacheTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly TestTimeProvider _clock = new();
    private readonly SchemaCache _cache;
    private int _reads;

    public SchemaCacheTests() => _cache = new SchemaCache(ReadAsync, Interval, _clock);

    [Fact]
    public async Task The_catalog_is_read_once_and_kept()
    {
        var first = await _cache.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Same(first, await _cache.GetAsync(CancellationToken.None));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task A_refresh_reloads_only_once_the_interval_has_passed()
    {
        var first = await _cache.GetAsync(CancellationToken.None);

        Assert.Same(first, await _cache.RefreshAsync(CancellationToken.None));
        _clock.Advance(Interval);
        var second = await _cache.RefreshAsync(CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_reload_ignores_the_interval()
    {
        var first = await _cache.GetAsync(CancellationToken.None);

        Assert.NotSame(first, await _cache.ReloadAsync(CancellationToken.None));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task After_a_schema_error_the_next_use_reloads_paced_by_the_interval()
    {
        var first = await _cache.GetAsync(CancellationToken.None);

        _cache.Invalidate();
        Assert.Same(first, await _cache.GetAsync(CancellationToken.None));
        _clock.Advance(Interval);
        _cache.Invalidate();
        var second = await _cache.GetAsync(CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.Same(second, await _cache.GetAsync(CancellationToken.None));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Concurrent_first_uses_read_the_catalog_once()
    {
        var catalogs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _cache.GetAsync(CancellationToken.None).AsTask()));

        Assert.All(catalogs, c => Assert.Same(catalogs[0], c));
        Assert.Equal(1, _reads);
    }

    public void Dispose() => _cache.Dispose();

    private async Task<RelationalCatalog> ReadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        await Task.Yield();
        return new RelationalCatalog(new Dictionary<string, RelationalTable>(), new Dictionary<string, string>());
    }
}

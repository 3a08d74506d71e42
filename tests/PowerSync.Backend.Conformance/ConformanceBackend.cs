using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.Conformance;

/// <summary>A running pipeline bound to one test's database: uploads go through <see cref="IUploadProcessor"/>, one DI scope each, as requests do.</summary>
public sealed class ConformanceBackend : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationToken _cancellationToken;

    internal ConformanceBackend(ServiceProvider services, TestTimeProvider clock, CancellationToken cancellationToken)
    {
        _services = services;
        Clock = clock;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The services, for provider-specific assertions (the store, its counters).</summary>
    public IServiceProvider Services => _services;

    /// <summary>The clock every component uses; retry back-offs pass instantly.</summary>
    public TestTimeProvider Clock { get; }

    /// <summary>Processes an upload in a fresh scope.</summary>
    /// <param name="upload">The upload.</param>
    /// <returns>The result.</returns>
    public async Task<UploadResult> UploadAsync(CrudUpload upload)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope)
        {
            return await scope.ServiceProvider.GetRequiredService<IUploadProcessor>().ProcessAsync(upload, _cancellationToken);
        }
    }

    /// <summary>Processes transactions from <see cref="Crud.User"/> and <see cref="Crud.ClientId"/>.</summary>
    /// <param name="transactions">The transactions.</param>
    /// <returns>The result.</returns>
    public Task<UploadResult> UploadAsync(params CrudTransaction[] transactions) => UploadAsync(Crud.Upload(Crud.ClientId, transactions));

    /// <summary>Reads a client's ledger position through the provider's <see cref="IIdempotencyLedger"/>.</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="userId">The user.</param>
    /// <returns>The position.</returns>
    public async Task<LedgerPosition> PositionAsync(string clientId = Crud.ClientId, string userId = Crud.User) =>
        await _services.GetRequiredService<IIdempotencyLedger>().GetPositionAsync(new ClientKey(userId, clientId), _cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

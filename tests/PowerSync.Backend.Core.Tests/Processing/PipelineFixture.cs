using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.Core.Tests.Processing;

/// <summary>
/// A pipeline over an <see cref="InMemoryStore"/> with a <see cref="TestTimeProvider"/>: one container per test,
/// one scope per <see cref="ProcessAsync"/> call, as a host would do per request.
/// </summary>
public sealed class PipelineFixture : IAsyncDisposable
{
    private PipelineFixture(ServiceProvider services, TestTimeProvider clock, CallLog calls)
    {
        Services = services;
        Clock = clock;
        Calls = calls;
    }

    public ServiceProvider Services { get; }

    public TestTimeProvider Clock { get; }

    /// <summary>A shared list hooks record their calls into (registered as a singleton).</summary>
    public CallLog Calls { get; }

    public InMemoryStore Store => Services.GetRequiredService<InMemoryStore>();

    public PowerSyncBackendOptions Options => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PowerSyncBackendOptions>>().Value;

    /// <summary>Builds the pipeline.</summary>
    /// <param name="configure">Hooks, tables and options, after <c>UseInMemory</c>.</param>
    /// <param name="store">Seeds and scripts the store.</param>
    /// <param name="services">Adds services (hook dependencies) before the pipeline.</param>
    /// <param name="calls">The call log DI hooks record into, when the test's own table hooks share it.</param>
    /// <param name="overrides">Registers services after the pipeline, to replace one of its seams (the last registration wins).</param>
    public static PipelineFixture Create(
        Action<PowerSyncBackendBuilder>? configure = null,
        Action<InMemoryStore>? store = null,
        Action<IServiceCollection>? services = null,
        CallLog? calls = null,
        Action<IServiceCollection>? overrides = null)
    {
        var clock = new TestTimeProvider();
        calls ??= new CallLog();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSingleton(calls);
        services?.Invoke(collection);
        collection.AddPowerSyncBackend(b =>
        {
            b.UseInMemory(store);
            configure?.Invoke(b);
        });
        overrides?.Invoke(collection);
        return new PipelineFixture(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), clock, calls);
    }

    public async Task<UploadResult> ProcessAsync(CrudUpload upload, CancellationToken cancellationToken = default)
    {
        await using var scope = Services.CreateAsyncScope();
        var processor = scope.ServiceProvider.GetRequiredService<IUploadProcessor>();
        return await processor.ProcessAsync(upload, cancellationToken);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

/// <summary>Hook calls in the order they happened.</summary>
public sealed class CallLog
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Add(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }
}

/// <summary>Builders for uploads, transactions and entries.</summary>
public static class Crud
{
    public const string User = "user-1";
    public const string Client = "client-1";
    public const string Todos = "todos";

    public static CrudUpload Upload(params CrudTransaction[] transactions) => new(User, Client, transactions);

    public static CrudUpload UploadFrom(string? clientId, params CrudTransaction[] transactions) => new(User, clientId, transactions);

    public static CrudTransaction Tx(long? transactionId, params CrudEntry[] entries) => new(transactionId, entries);

    public static CrudEntry Put(string id, params (string Column, object? Value)[] data) => PutIn(Todos, id, data);

    public static CrudEntry PutIn(string table, string id, params (string Column, object? Value)[] data) =>
        new(CrudOperation.Put, table, id) { Data = Data(data) };

    public static CrudEntry Patch(string id, params (string Column, object? Value)[] data) =>
        new(CrudOperation.Patch, Todos, id) { Data = Data(data) };

    public static CrudEntry Delete(string id) => new(CrudOperation.Delete, Todos, id);

    public static CrudData Data(params (string Column, object? Value)[] columns) =>
        CrudData.Create(columns.Select(c => new KeyValuePair<string, CrudValue>(c.Column, Value(c.Value))));

    public static CrudValue Value(object? value) => value switch
    {
        null => CrudValue.Null,
        int i => CrudValue.FromInteger(i),
        long l => CrudValue.FromInteger(l),
        double d => CrudValue.FromReal(d),
        bool b => CrudValue.FromBoolean(b),
        string s => CrudValue.FromText(s),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a column value."),
    };

    /// <summary><paramref name="count"/> PUTs into <c>todos</c> of rows <c>e0</c>, <c>e1</c>, … with a title each.</summary>
    public static CrudEntry[] Puts(int count) => [.. Enumerable.Range(0, count).Select(i => Put($"e{i}", ("title", $"t{i}")))];
}

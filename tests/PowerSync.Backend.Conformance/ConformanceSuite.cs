using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.Conformance;

/// <summary>
/// The base of every suite: a fresh database per test (xUnit makes one instance per test), pipelines bound to
/// it, and assertions on rows, results and dead letters.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit ends every test with IAsyncLifetime.DisposeAsync, which disposes it.")]
public abstract class ConformanceSuite : IAsyncLifetime
{
    private readonly List<ConformanceBackend> _backends = [];
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    /// <summary>Creates the suite over a provider's database.</summary>
    /// <param name="database">This test's database; the suite creates and disposes it.</param>
    protected ConformanceSuite(ConformanceDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
    }

    /// <summary>This test's database.</summary>
    protected ConformanceDatabase Database { get; }

    /// <summary>Cancelled when a test runs for more than 30 seconds, so a hang fails instead of blocking the run.</summary>
    protected CancellationToken Timeout => _timeout.Token;

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Database.CreateAsync(Timeout);

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }

        await Database.DisposeAsync();
        _timeout.Dispose();
    }

    /// <summary>Starts a pipeline over this test's database.</summary>
    /// <param name="options">Sets the provider-neutral options.</param>
    /// <param name="pipeline">Adds hooks, table rules and pipeline options.</param>
    /// <returns>The pipeline; disposed with the test.</returns>
    protected ConformanceBackend Start(Action<ConformanceOptions>? options = null, Action<PowerSyncBackendBuilder>? pipeline = null)
    {
        var conformance = new ConformanceOptions();
        options?.Invoke(conformance);
        var clock = new TestTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddPowerSyncBackend(builder =>
        {
            Database.UseProvider(builder, conformance);
            pipeline?.Invoke(builder);
        });
        var backend = new ConformanceBackend(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), clock, Timeout);
        _backends.Add(backend);
        return backend;
    }

    /// <summary>Runs <paramref name="count"/> pieces of work at once on the thread pool, as concurrent requests would.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="count">How many.</param>
    /// <param name="work">The work, given its number.</param>
    /// <returns>The results, in order of the numbers.</returns>
    protected Task<T[]> ConcurrentlyAsync<T>(int count, Func<int, Task<T>> work) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => work(i), Timeout)));

    /// <summary>Reads a row (normalized).</summary>
    /// <param name="table">The table.</param>
    /// <param name="id">The id.</param>
    /// <returns>The row, or <see langword="null"/>.</returns>
    protected Task<CrudData?> RowAsync(string table, string id) => Database.ReadRowAsync(table, id, Timeout);

    /// <summary>Counts a table's rows.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The count.</returns>
    protected Task<long> CountAsync(string table) => Database.CountRowsAsync(table, Timeout);

    /// <summary>Reads the dead letters.</summary>
    /// <returns>The letters, oldest first.</returns>
    protected Task<IReadOnlyList<ConformanceDeadLetter>> DeadLettersAsync() => Database.ReadDeadLettersAsync(Timeout);

    /// <summary>Asserts that a row exists and holds the given values in the given columns (others are not checked).</summary>
    /// <param name="table">The table.</param>
    /// <param name="id">The id.</param>
    /// <param name="expected">Column values, as for <see cref="Crud.Value"/>.</param>
    /// <returns>The whole row.</returns>
    protected async Task<CrudData> AssertRowAsync(string table, string id, params (string Column, object? Value)[] expected)
    {
        var row = await RowAsync(table, id);
        Assert.True(row is not null, $"row '{id}' of '{table}' does not exist");
        foreach (var (column, value) in expected)
        {
            Assert.True(row.TryGetValue(column, out var actual), $"row '{id}' of '{table}' has no column '{column}'");
            Assert.True(Crud.Value(value) == actual, $"'{table}'.'{column}' of '{id}': expected {Crud.Value(value)} ({Crud.Value(value).Kind}), stored {actual} ({actual.Kind})");
        }

        return row;
    }

    /// <summary>Asserts that a row does not exist.</summary>
    /// <param name="table">The table.</param>
    /// <param name="id">The id.</param>
    /// <returns>A task.</returns>
    protected async Task AssertNoRowAsync(string table, string id) =>
        Assert.True(await RowAsync(table, id) is null, $"row '{id}' of '{table}' exists");

    /// <summary>Asserts that the tables hold no rows at all.</summary>
    /// <param name="tables">The tables; by default lists, todos and typed.</param>
    /// <returns>A task.</returns>
    protected async Task AssertEmptyAsync(params string[] tables)
    {
        foreach (var table in tables.Length == 0 ? [ConformanceSchema.Lists, ConformanceSchema.Todos, ConformanceSchema.TypedTable] : tables)
        {
            Assert.True(await CountAsync(table) == 0, $"'{table}' is not empty");
        }
    }

    /// <summary>Asserts that every transaction succeeded.</summary>
    /// <param name="result">The upload's result.</param>
    protected static void AssertSuccess(UploadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        for (var i = 0; i < result.Results.Count; i++)
        {
            var transaction = result.Results[i];
            Assert.True(
                transaction.Status == TransactionStatus.Success,
                $"transaction {i}: {transaction.Status} {transaction.FailedOperation?.ErrorCode} at {transaction.FailedOperation?.OperationIndex}: {transaction.Message}");
        }
    }

    /// <summary>Asserts that a transaction was refused with <paramref name="errorCode"/> at <paramref name="operationIndex"/>.</summary>
    /// <param name="result">The upload's result.</param>
    /// <param name="errorCode">The expected code.</param>
    /// <param name="operationIndex">The expected entry index.</param>
    /// <param name="transaction">Which transaction of the upload.</param>
    /// <returns>The failed operation.</returns>
    protected static FailedOperation AssertRefused(UploadResult result, string errorCode, int? operationIndex, int transaction = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Results[transaction];
        Assert.True(outcome.Status == TransactionStatus.FatalError, $"transaction {transaction}: expected a fatal error, got {outcome.Status} {outcome.Message}");
        var failed = outcome.FailedOperation!;
        Assert.True(errorCode == failed.ErrorCode, $"expected {errorCode}, got {failed.ErrorCode} ({failed.Message})");
        Assert.Equal(operationIndex, failed.OperationIndex);
        return failed;
    }
}

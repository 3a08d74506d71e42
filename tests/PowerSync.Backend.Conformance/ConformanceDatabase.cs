using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Conformance;

/// <summary>
/// What a provider's test project implements so that the conformance suites run against its database: an
/// isolated, fresh copy of <see cref="ConformanceSchema"/> per test, the provider registered against it, and
/// provider-neutral ways to read rows back, count them, read dead letters and inject a transient failure.
/// </summary>
/// <remarks>One instance serves one test: <see cref="CreateAsync"/> runs before it, <see cref="IAsyncDisposable.DisposeAsync"/> after.</remarks>
public abstract class ConformanceDatabase : IAsyncDisposable
{
    /// <summary>Creates a fresh, empty copy of <see cref="ConformanceSchema"/> that no other test sees.</summary>
    /// <param name="cancellationToken">Cancels the set-up.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    public abstract Task CreateAsync(CancellationToken cancellationToken);

    /// <summary>Registers the provider on <paramref name="builder"/>, bound to this test's schema, with <paramref name="options"/> applied.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">The provider-neutral options.</param>
    public abstract void UseProvider(PowerSyncBackendBuilder builder, ConformanceOptions options);

    /// <summary>
    /// Reads one row, every column but <c>id</c> in table order, NULLs included, normalized so that every
    /// provider gives the same values (see <see cref="ConformanceValues"/>): booleans as
    /// <see cref="CrudValueKind.Boolean"/>, integers as <see cref="CrudValueKind.Integer"/>, floats as
    /// <see cref="CrudValueKind.Real"/>, and everything else as text in its canonical form.
    /// </summary>
    /// <param name="table">The table (a <see cref="ConformanceSchema"/> name).</param>
    /// <param name="id">The row id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The row, or <see langword="null"/> when it does not exist.</returns>
    public abstract Task<CrudData?> ReadRowAsync(string table, string id, CancellationToken cancellationToken);

    /// <summary>Counts the rows of a table.</summary>
    /// <param name="table">The table.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The number of rows.</returns>
    public abstract Task<long> CountRowsAsync(string table, CancellationToken cancellationToken);

    /// <summary>Reads the dead letters the provider's store wrote, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dead letters.</returns>
    public abstract Task<IReadOnlyList<ConformanceDeadLetter>> ReadDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes the next <paramref name="times"/> database transactions that write <paramref name="table"/> fail, at
    /// their first statement on it, with an error the provider's classifier judges transient (a serialization
    /// failure, a deadlock or a lost connection); later transactions succeed.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="times">How many transactions fail.</param>
    /// <param name="cancellationToken">Cancels the set-up.</param>
    /// <returns>A task that completes when the failure is armed.</returns>
    public abstract Task FailNextTransactionsAsync(string table, int times, CancellationToken cancellationToken);

    /// <summary>Drops this test's copy of the schema.</summary>
    /// <returns>A task that completes when it is gone.</returns>
    public abstract ValueTask DisposeAsync();
}

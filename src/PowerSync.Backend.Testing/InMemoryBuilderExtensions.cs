using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.DependencyInjection;

namespace PowerSync.Backend.Testing;

/// <summary>Registers the in-memory store as the database provider.</summary>
public static class InMemoryBuilderExtensions
{
    /// <summary>
    /// Uses an <see cref="InMemoryStore"/> (a singleton, resolvable from DI for assertions) as the database.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="configure">Sets the store up (declare tables, seed rows, script failures).</param>
    /// <returns>The builder.</returns>
    public static PowerSyncBackendBuilder UseInMemory(this PowerSyncBackendBuilder builder, Action<InMemoryStore>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseStore<InMemoryStore, InMemoryErrorClassifier>(_ =>
        {
            var store = new InMemoryStore();
            configure?.Invoke(store);
            return store;
        });
    }
}

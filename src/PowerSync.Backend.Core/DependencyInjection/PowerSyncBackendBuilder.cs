using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Processing;

namespace PowerSync.Backend.Core.DependencyInjection;

/// <summary>
/// Configures the upload pipeline: options, hooks, per-table rules and the database provider
/// (<c>.UsePostgres(…)</c> and friends are extension methods on this type).
/// </summary>
public sealed class PowerSyncBackendBuilder
{
    internal PowerSyncBackendBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for provider packages.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Sets options.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public PowerSyncBackendBuilder Configure(Action<PowerSyncBackendOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Declares hooks and mappings for one client table.</summary>
    /// <param name="clientTable">The table as clients name it.</param>
    /// <param name="configure">Declares the table's rules.</param>
    /// <returns>This builder.</returns>
    public PowerSyncBackendBuilder Table(string clientTable, Action<TableBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientTable);
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<PowerSyncBackendOptions>(options =>
        {
            if (!options.Tables.TryGetValue(clientTable, out var table))
            {
                table = new TableConfiguration();
                options.Tables.Add(clientTable, table);
            }

            configure(new TableBuilder(clientTable, table));
        });
        return this;
    }

    /// <summary>Adds an authorization hook resolved from DI (scoped) for every table.</summary>
    /// <typeparam name="THook">The hook type.</typeparam>
    /// <returns>This builder.</returns>
    public PowerSyncBackendBuilder AddAuthorizationHook<THook>()
        where THook : class, IAuthorizationHook
    {
        Services.AddScoped<IAuthorizationHook, THook>();
        return this;
    }

    /// <summary>Adds a mapping hook resolved from DI (scoped) for every table.</summary>
    /// <typeparam name="THook">The hook type.</typeparam>
    /// <returns>This builder.</returns>
    public PowerSyncBackendBuilder AddMappingHook<THook>()
        where THook : class, IMappingHook
    {
        Services.AddScoped<IMappingHook, THook>();
        return this;
    }

    /// <summary>Adds a validation hook resolved from DI (scoped) for every table.</summary>
    /// <typeparam name="THook">The hook type.</typeparam>
    /// <returns>This builder.</returns>
    public PowerSyncBackendBuilder AddValidationHook<THook>()
        where THook : class, IValidationHook
    {
        Services.AddScoped<IValidationHook, THook>();
        return this;
    }

    /// <summary>Adds a conflict hook resolved from DI (scoped) for every table.</summary>
    /// <typeparam name="THook">The hook type.</typeparam>
    /// <returns>This builder.</returns>
    public PowerSyncBackendBuilder AddConflictHook<THook>()
        where THook : class, IConflictHook
    {
        Services.AddScoped<IConflictHook, THook>();
        return this;
    }

    /// <summary>
    /// Registers the database provider: one singleton that applies transactions, keeps the ledger and stores
    /// dead letters, plus its error classifier. Replaces a provider registered before.
    /// </summary>
    /// <typeparam name="TStore">The provider's store type.</typeparam>
    /// <typeparam name="TClassifier">The provider's error classifier.</typeparam>
    /// <param name="factory">Creates the store; <see langword="null"/> to let DI construct it.</param>
    /// <returns>This builder.</returns>
    public PowerSyncBackendBuilder UseStore<TStore, TClassifier>(Func<IServiceProvider, TStore>? factory = null)
        where TStore : class, ICrudApplier, IIdempotencyLedger, IDeadLetterStore
        where TClassifier : class, IErrorClassifier
    {
        Services.RemoveAll<ICrudApplier>();
        Services.RemoveAll<IIdempotencyLedger>();
        Services.RemoveAll<IDeadLetterStore>();
        Services.RemoveAll<TStore>();
        if (factory is null)
        {
            Services.AddSingleton<TStore>();
        }
        else
        {
            Services.AddSingleton(factory);
        }

        Services.AddSingleton<ICrudApplier>(sp => sp.GetRequiredService<TStore>());
        Services.AddSingleton<IIdempotencyLedger>(sp => sp.GetRequiredService<TStore>());
        Services.AddSingleton<IDeadLetterStore>(sp => sp.GetRequiredService<TStore>());
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IErrorClassifier, TClassifier>());
        return this;
    }
}

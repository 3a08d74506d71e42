using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Mongo.Translation;

namespace PowerSync.Backend.Mongo;

/// <summary>Registers MongoDB as the database of the upload pipeline.</summary>
public static class MongoBuilderExtensions
{
    /// <summary>Uses MongoDB through an executor the application provides (bound to its MongoDB driver).</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="executor">Runs the commands.</param>
    /// <param name="configure">Sets the provider's options (at least <see cref="MongoBackendOptions.Database"/> and the collections).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The options are invalid (checked here, at registration).</exception>
    public static PowerSyncBackendBuilder UseMongo(this PowerSyncBackendBuilder builder, IMongoCommandExecutor executor, Action<MongoBackendOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(executor);
        return builder.UseMongo(_ => executor, configure);
    }

    /// <summary>Uses MongoDB through the <see cref="IMongoCommandExecutor"/> registered in DI.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="configure">Sets the provider's options (at least <see cref="MongoBackendOptions.Database"/> and the collections).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The options are invalid (checked here, at registration).</exception>
    public static PowerSyncBackendBuilder UseMongo(this PowerSyncBackendBuilder builder, Action<MongoBackendOptions> configure) =>
        builder.UseMongo(
            services => services.GetService<IMongoCommandExecutor>() ?? throw new InvalidOperationException(
                "UseMongo() found no IMongoCommandExecutor in DI: register one (see the PowerSync.Backend.Mongo README) or pass it to UseMongo."),
            configure);

    private static PowerSyncBackendBuilder UseMongo(this PowerSyncBackendBuilder builder, Func<IServiceProvider, IMongoCommandExecutor> executor, Action<MongoBackendOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new MongoBackendOptions();
        configure(options);
        MongoCollectionMap.Create(options);
        return builder.UseStore<MongoStore, MongoErrorClassifier>(services =>
            new MongoStore(executor(services), options, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<MongoStore>>()));
    }
}

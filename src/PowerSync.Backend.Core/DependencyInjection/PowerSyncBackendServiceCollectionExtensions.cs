using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Core.Diagnostics;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Wire;

// The .NET convention: AddXxx extensions live in this namespace so that they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PowerSync upload pipeline.</summary>
public static class PowerSyncBackendServiceCollectionExtensions
{
    /// <summary>
    /// Adds the upload pipeline (<see cref="IUploadProcessor"/>, <see cref="CrudUploadParser"/>) and lets
    /// <paramref name="configure"/> choose a database provider, options, hooks and table rules.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the pipeline.</param>
    /// <returns>The builder, to configure further.</returns>
    public static PowerSyncBackendBuilder AddPowerSyncBackend(this IServiceCollection services, Action<PowerSyncBackendBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.AddMetrics();
        services.AddOptions<PowerSyncBackendOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PowerSyncBackendOptions>, PowerSyncBackendOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PowerSyncInstrumentation>();
        services.TryAddSingleton<FailureClassifier>();
        services.TryAddSingleton<TransientRetry>();
        services.TryAddSingleton(sp => new CrudUploadParser(sp.GetRequiredService<IOptions<PowerSyncBackendOptions>>().Value.Limits));
        services.TryAddScoped<IUploadProcessor, UploadProcessor>();

        var builder = new PowerSyncBackendBuilder(services);
        configure?.Invoke(builder);
        return builder;
    }
}

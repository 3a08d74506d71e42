using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tokens;

// The .NET convention (ADR 0001): AddXxx extensions live here so that they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers PowerSync token issuing, keys and token validation.</summary>
public static class PowerSyncAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IPowerSyncTokenIssuer"/>, <see cref="PowerSyncTokenValidator"/> and the
    /// <see cref="PowerSyncKeyRing"/>, with <see cref="PowerSyncAuthOptions"/> bound from the <c>PowerSync:Auth</c>
    /// configuration section, then changed by <paramref name="configure"/>, and validated at start-up. The keys are
    /// loaded (or the development key generated) when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the options after configuration binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPowerSyncAuth(this IServiceCollection services, Action<PowerSyncAuthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        PowerSyncAuthServices.Add(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }
}

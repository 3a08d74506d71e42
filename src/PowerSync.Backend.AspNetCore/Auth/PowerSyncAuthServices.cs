using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tokens;

namespace PowerSync.Backend.AspNetCore.Auth;

/// <summary>The services behind tokens, keys and authentication; registered once whichever entry point comes first.</summary>
internal static class PowerSyncAuthServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddLogging();
        services.AddOptions<PowerSyncAuthOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<PowerSyncAuthOptions>, PowerSyncAuthConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PowerSyncAuthOptions>, PowerSyncAuthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => KeyRingLoader.Load(
            sp.GetRequiredService<IOptions<PowerSyncAuthOptions>>().Value,
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PowerSyncKeyRing).FullName!)));
        services.TryAddSingleton(sp => new PowerSyncTokenIssuer(
            sp.GetRequiredService<PowerSyncKeyRing>(),
            sp.GetRequiredService<IOptions<PowerSyncAuthOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IPowerSyncTokenIssuer>(sp => sp.GetRequiredService<PowerSyncTokenIssuer>());
        services.TryAddSingleton(sp => new PowerSyncTokenValidator(
            sp.GetRequiredService<PowerSyncKeyRing>(),
            sp.GetRequiredService<IOptions<PowerSyncAuthOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PowerSyncAuthStartup>());
    }
}

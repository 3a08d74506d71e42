using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PowerSync.Backend.AspNetCore.Auth;

/// <summary>
/// Binds <see cref="PowerSyncAuthOptions"/> from the <c>PowerSync:Auth</c> section of the application's
/// configuration, when there is one (a plain service collection has none).
/// </summary>
internal sealed class PowerSyncAuthConfigureOptions : IConfigureOptions<PowerSyncAuthOptions>
{
    private readonly IServiceProvider _services;

    public PowerSyncAuthConfigureOptions(IServiceProvider services) => _services = services;

    public void Configure(PowerSyncAuthOptions options)
    {
        _services.GetService<IConfiguration>()?.GetSection(PowerSyncAuthOptions.SectionName).Bind(options);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PowerSync.Backend.AspNetCore.Diagnostics;
using PowerSync.Backend.AspNetCore.Keys;

namespace PowerSync.Backend.AspNetCore.Auth;

/// <summary>
/// Loads the keys when the host starts, so that a missing file, a bad PEM or an ambiguous signing key stops
/// start-up instead of the first token request; and says loudly when development mode is on.
/// </summary>
internal sealed class PowerSyncAuthStartup : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly IOptions<PowerSyncAuthOptions> _options;
    private readonly ILogger _logger;

    public PowerSyncAuthStartup(IServiceProvider services, IOptions<PowerSyncAuthOptions> options, ILogger<PowerSyncAuthStartup> logger)
    {
        _services = services;
        _options = options;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _services.GetRequiredService<PowerSyncKeyRing>();
        if (_options.Value.DevelopmentMode)
        {
            Log.DevelopmentModeEnabled(_logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

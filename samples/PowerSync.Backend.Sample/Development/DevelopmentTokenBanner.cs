using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Tokens;
using PowerSync.Backend.Sample.Diagnostics;

namespace PowerSync.Backend.Sample.Development;

/// <summary>
/// In development mode, prints a token for the demo user (<c>Sample:DemoUserId</c>) and how to use it once the server
/// listens, so that the endpoints can be tried with curl at once. Does nothing otherwise.
/// </summary>
internal sealed class DevelopmentTokenBanner : IHostedLifecycleService
{
    // PowerSync's own development tokens last 12 hours: long enough to try things by hand, well under the 24-hour limit.
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly IOptions<PowerSyncAuthOptions> _auth;
    private readonly IPowerSyncTokenIssuer _issuer;
    private readonly IServer _server;
    private readonly IConfiguration _configuration;
    private readonly ILogger<DevelopmentTokenBanner> _logger;

    public DevelopmentTokenBanner(IOptions<PowerSyncAuthOptions> auth, IPowerSyncTokenIssuer issuer, IServer server, IConfiguration configuration, ILogger<DevelopmentTokenBanner> logger)
    {
        _auth = auth;
        _issuer = issuer;
        _server = server;
        _configuration = configuration;
        _logger = logger;
    }

    // Started runs after every hosted service started, the server included: its addresses are known.
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!_auth.Value.DevelopmentMode)
        {
            return;
        }

        var userId = _configuration["Sample:DemoUserId"] is { Length: > 0 } configured ? configured : "demo-user";
        var token = await _issuer.IssueTokenAsync(new PowerSyncTokenRequest(userId) { Lifetime = Lifetime }, cancellationToken);
        var url = _server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:6060";
        Log.DevelopmentTokenPrinted(_logger, userId, token.ExpiresAt, token.Token, url.TrimEnd('/'));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Keys;

// ASP.NET Core's convention for MapXxx extensions (ADR 0004): found without a using in any web app.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoints the PowerSync Service and clients use to authenticate.</summary>
public static class PowerSyncAuthEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>GET {prefix}/keys</c> (<see cref="MapPowerSyncKeys"/>) and <c>GET {prefix}/token</c> (<see cref="MapPowerSyncToken"/>).</summary>
    /// <param name="endpoints">The route builder (the <c>WebApplication</c>).</param>
    /// <param name="prefix">The routes' common prefix.</param>
    /// <returns>The group, to add conventions to both (rate limiting, say). The keys endpoint stays anonymous whatever the group requires.</returns>
    public static RouteGroupBuilder MapPowerSyncAuth(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/api/auth")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.MapPowerSyncKeys("/keys");
        group.MapPowerSyncToken("/token");
        return group;
    }

    /// <summary>
    /// Maps the JWKS endpoint the PowerSync Service fetches (<c>client_auth.jwks_uri</c>): <c>{"keys":[…]}</c> with the
    /// public half of every asymmetric key (<c>kty</c>, <c>kid</c>, <c>alg</c>, <c>use: "sig"</c>, <c>n</c>/<c>e</c> or
    /// <c>crv</c>/<c>x</c>/<c>y</c>). Private members and shared (HS) secrets are never published. Always anonymous.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route.</param>
    /// <returns>The endpoint's builder.</returns>
    public static RouteHandlerBuilder MapPowerSyncKeys(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/api/auth/keys")
    {
        RequireAuthServices(endpoints);
        Func<HttpContext, Task> handler = AuthEndpoints.KeysAsync;
        return endpoints.MapGet(pattern, handler).WithDisplayName("PowerSync JWKS").AllowAnonymous();
    }

    /// <summary>
    /// Maps the token endpoint a connector's <c>fetchCredentials()</c> calls: for the host's authenticated user (claim
    /// <see cref="PowerSyncAuthOptions.UserIdClaimType"/>, else the name identifier) it answers
    /// <c>{"token","powersync_url","expires_at"}</c> (<c>expires_at</c> in ISO 8601 UTC) with <c>Cache-Control: no-store</c>.
    /// Anonymous callers get 401, unless <see cref="PowerSyncAuthOptions.DevelopmentMode"/> is on: then
    /// <c>?user_id=&lt;id&gt;</c> gets a token for that user, and a warning is logged each time.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route.</param>
    /// <returns>The endpoint's builder.</returns>
    public static RouteHandlerBuilder MapPowerSyncToken(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/api/auth/token")
    {
        RequireAuthServices(endpoints);
        Func<HttpContext, Task> handler = AuthEndpoints.TokenAsync;
        return endpoints.MapGet(pattern, handler).WithDisplayName("PowerSync token");
    }

    private static void RequireAuthServices(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(PowerSyncKeyRing)) == false)
        {
            throw new InvalidOperationException("The PowerSync auth endpoints need services.AddPowerSyncAuth(…) (or AddAuthentication().AddPowerSyncToken()).");
        }
    }
}

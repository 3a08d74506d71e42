using Microsoft.AspNetCore.Authentication;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Authentication;

// Where ASP.NET Core's own AddJwtBearer lives, so that it is found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the PowerSync token authentication scheme.</summary>
public static class PowerSyncTokenAuthenticationBuilderExtensions
{
    /// <summary>
    /// Authenticates requests carrying <c>Authorization: Bearer &lt;jwt&gt;</c> (or <c>Token &lt;jwt&gt;</c>) with a token
    /// this backend issued: validated against its own key ring with the PowerSync Service's rules (see
    /// <see cref="PowerSync.Backend.AspNetCore.Tokens.PowerSyncTokenValidator"/>). The principal's <c>sub</c> claim is the user id.
    /// Registers the auth services as <see cref="PowerSyncAuthServiceCollectionExtensions.AddPowerSyncAuth"/> does.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Changes the scheme's options.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddPowerSyncToken(
        this AuthenticationBuilder builder,
        string authenticationScheme = PowerSyncTokenDefaults.AuthenticationScheme,
        Action<PowerSyncTokenAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        PowerSyncAuthServices.Add(builder.Services);
        return builder.AddScheme<PowerSyncTokenAuthenticationOptions, PowerSyncTokenAuthenticationHandler>(authenticationScheme, displayName: "PowerSync token", configure);
    }
}

using Microsoft.AspNetCore.Authentication;

namespace PowerSync.Backend.AspNetCore.Authentication;

/// <summary>
/// Options of the PowerSync token authentication scheme. Which tokens are valid is decided by the shared
/// <see cref="Auth.PowerSyncAuthOptions"/> (audiences, issuer, clock skew) and the key ring.
/// </summary>
public sealed class PowerSyncTokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Whether <c>Authorization: Token &lt;jwt&gt;</c> is accepted besides <c>Bearer</c>, as the PowerSync Service does.</summary>
    /// <value><see langword="true"/>.</value>
    public bool AcceptTokenScheme { get; set; } = true;
}

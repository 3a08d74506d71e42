using Microsoft.AspNetCore.Http;
using PowerSync.Backend.AspNetCore.Tokens;

namespace PowerSync.Backend.AspNetCore.Auth;

/// <summary>What <see cref="PowerSyncAuthOptions.OnTokenRequest"/> sees: the token endpoint's request and the token about to be issued.</summary>
public sealed class PowerSyncTokenRequestContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="httpContext">The token endpoint's request.</param>
    /// <param name="request">The token about to be issued; change it in place.</param>
    public PowerSyncTokenRequestContext(HttpContext httpContext, PowerSyncTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(request);
        HttpContext = httpContext;
        Request = request;
    }

    /// <summary>The token endpoint's request (its user, services and abort token).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The token about to be issued: add <see cref="PowerSyncTokenRequest.Parameters"/> or claims, shorten its lifetime.</summary>
    public PowerSyncTokenRequest Request { get; }

    /// <summary>Whether the token is for an anonymous caller of the development mode (<c>?user_id=</c>).</summary>
    public bool IsDevelopmentToken { get; init; }
}

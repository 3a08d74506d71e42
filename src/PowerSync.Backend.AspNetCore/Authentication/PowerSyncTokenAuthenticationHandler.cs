using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PowerSync.Backend.AspNetCore.Diagnostics;
using PowerSync.Backend.AspNetCore.Tokens;

namespace PowerSync.Backend.AspNetCore.Authentication;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;jwt&gt;</c> (or <c>Token &lt;jwt&gt;</c>) with <see cref="PowerSyncTokenValidator"/>:
/// the tokens the backend issues for the PowerSync Service, checked by the service's own rules.
/// </summary>
internal sealed class PowerSyncTokenAuthenticationHandler : AuthenticationHandler<PowerSyncTokenAuthenticationOptions>
{
    private readonly PowerSyncTokenValidator _validator;

    public PowerSyncTokenAuthenticationHandler(
        IOptionsMonitor<PowerSyncTokenAuthenticationOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        PowerSyncTokenValidator validator)
        : base(options, logger, encoder)
    {
        _validator = validator;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenFrom(Request.Headers.Authorization.ToString());
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await _validator.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (!result.IsValid)
        {
            Log.TokenRefused(Logger, result.Error!);
            return AuthenticateResult.Fail(result.Error!);
        }

        Log.TokenAccepted(Logger, result.UserId!, result.KeyId!);
        var identity = new ClaimsIdentity(result.Identity!.Claims, Scheme.Name, TokenRules.SubjectClaim, "role");
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false)).Failure;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750 §3: say why, without echoing the token.
        Response.Headers.Append(HeaderNames.WWWAuthenticate, failure is null ? "Bearer" : $"Bearer error=\"invalid_token\", error_description=\"{failure.Message}\"");
    }

    private string? TokenFrom(string authorization)
    {
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var scheme = authorization.AsSpan(0, space);
        var accepted = scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            || (Options.AcceptTokenScheme && scheme.Equals("Token", StringComparison.OrdinalIgnoreCase));
        return accepted ? authorization[(space + 1)..].Trim() : null;
    }
}

using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Keys;

namespace PowerSync.Backend.AspNetCore.Tokens;

/// <summary>
/// Validates tokens with the PowerSync Service's rules, against a key ring: a signed JWS (never <c>alg: none</c>),
/// a <c>kid</c> naming a known key, the key's own <c>alg</c>, a configured <c>aud</c>, <c>iss</c> when configured,
/// <c>exp</c> and <c>iat</c> within the clock skew, <c>exp - iat</c> at most 86,400 seconds, and a <c>sub</c>.
/// </summary>
/// <remarks>Lets a backend authenticate requests with the very tokens it issues. Usable without DI. Thread-safe.</remarks>
public sealed class PowerSyncTokenValidator
{
    private readonly PowerSyncKeyRing _keys;
    private readonly PowerSyncAuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Creates a validator.</summary>
    /// <param name="keys">The verification keys.</param>
    /// <param name="options">Audiences, issuer and clock skew (only those are read).</param>
    /// <param name="timeProvider">The clock; by default the system clock.</param>
    public PowerSyncTokenValidator(PowerSyncKeyRing keys, PowerSyncAuthOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        _keys = keys;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Validates a token.</summary>
    /// <param name="token">The compact JWT, without any <c>Bearer</c> prefix.</param>
    /// <param name="cancellationToken">Cancels validation.</param>
    /// <returns>The outcome; refusals are results, not exceptions.</returns>
    public async Task<PowerSyncTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(token))
        {
            return PowerSyncTokenValidationResult.Refused("no token");
        }

        if (!_handler.CanReadToken(token))
        {
            return PowerSyncTokenValidationResult.Refused("not a JWT");
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenException)
        {
            return PowerSyncTokenValidationResult.Refused("malformed JWT");
        }

        if (Header(jwt) is { } refusal)
        {
            return refusal;
        }

        var key = _keys.Find(jwt.Kid)!;
        var result = await _handler.ValidateTokenAsync(jwt, Parameters(key)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return PowerSyncTokenValidationResult.Refused(Describe(result.Exception), key.KeyId);
        }

        return Times(jwt, key.KeyId) ?? Subject(jwt, result.ClaimsIdentity, key.KeyId);
    }

    private PowerSyncTokenValidationResult? Header(JsonWebToken jwt)
    {
        if (jwt.IsEncrypted)
        {
            return PowerSyncTokenValidationResult.Refused("encrypted tokens are not accepted");
        }

        var algorithm = jwt.Alg;
        if (string.IsNullOrEmpty(algorithm) || string.Equals(algorithm, "none", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(jwt.EncodedSignature))
        {
            return PowerSyncTokenValidationResult.Refused("unsigned token (alg: none)");
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return PowerSyncTokenValidationResult.Refused("the token has no kid");
        }

        var key = _keys.Find(jwt.Kid);
        if (key is null)
        {
            return PowerSyncTokenValidationResult.Refused("unknown kid", jwt.Kid);
        }

        // The key decides the algorithm, never the token: this is what stops algorithm confusion.
        return algorithm == key.Algorithm ? null : PowerSyncTokenValidationResult.Refused($"alg {algorithm} is not the key's ({key.Algorithm})", key.KeyId);
    }

    private TokenValidationParameters Parameters(PowerSyncKey key) => new()
    {
        IssuerSigningKey = key.SecurityKey,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [key.Algorithm],
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = false,
        ValidAudiences = _options.Audiences,
        ValidateAudience = true,
        ValidIssuer = _options.Issuer,
        ValidateIssuer = _options.Issuer is not null,
        // Times are checked below with the service's rules and the injected clock.
        ValidateLifetime = false,
        RequireExpirationTime = false,
        NameClaimType = TokenRules.SubjectClaim,
        RoleClaimType = "role",
        AuthenticationType = "PowerSyncToken",
    };

    private PowerSyncTokenValidationResult? Times(JsonWebToken jwt, string keyId)
    {
        if (!jwt.TryGetPayloadValue<long>("exp", out var expires))
        {
            return PowerSyncTokenValidationResult.Refused("the token has no exp", keyId);
        }

        if (!jwt.TryGetPayloadValue<long>("iat", out var issuedAt))
        {
            return PowerSyncTokenValidationResult.Refused("the token has no iat", keyId);
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)_options.ClockSkew.TotalSeconds;
        if (now > expires + skew)
        {
            return PowerSyncTokenValidationResult.Refused("the token expired", keyId);
        }

        if (issuedAt > now + skew)
        {
            return PowerSyncTokenValidationResult.Refused("the token is issued in the future (iat)", keyId);
        }

        if (jwt.TryGetPayloadValue<long>("nbf", out var notBefore) && notBefore > now + skew)
        {
            return PowerSyncTokenValidationResult.Refused("the token is not valid yet (nbf)", keyId);
        }

        if (expires - issuedAt > (long)TokenRules.MaximumLifetime.TotalSeconds || expires <= issuedAt)
        {
            return PowerSyncTokenValidationResult.Refused("exp - iat must be between 1 and 86400 seconds", keyId);
        }

        return null;
    }

    private static PowerSyncTokenValidationResult Subject(JsonWebToken jwt, ClaimsIdentity identity, string keyId)
    {
        var subject = identity.FindFirst(TokenRules.SubjectClaim)?.Value;
        return string.IsNullOrEmpty(subject)
            ? PowerSyncTokenValidationResult.Refused("the token has no sub", keyId)
            : PowerSyncTokenValidationResult.Valid(identity, subject, keyId, DateTimeOffset.FromUnixTimeSeconds(jwt.GetPayloadValue<long>("exp")));
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => "the audience (aud) is not accepted",
        SecurityTokenInvalidIssuerException => "the issuer (iss) is not accepted",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "the signature is invalid",
        SecurityTokenInvalidAlgorithmException => "the algorithm is not accepted",
        _ => "the token is invalid",
    };
}

using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Keys;

namespace PowerSync.Backend.AspNetCore.Tokens;

/// <summary>
/// Signs PowerSync tokens with a key ring's signing key: header <c>alg</c> and <c>kid</c>; claims <c>sub</c>,
/// <c>aud</c>, <c>iat</c>, <c>exp</c>, <c>iss</c> when configured, <c>parameters</c> and extra claims when asked for.
/// </summary>
/// <remarks>
/// Signing is IdentityModel's <see cref="JsonWebTokenHandler"/>. Usable without DI: a command-line tool builds one
/// from a <see cref="PowerSyncKeyRing"/> and a <see cref="PowerSyncAuthOptions"/> instance. Thread-safe.
/// </remarks>
public sealed class PowerSyncTokenIssuer : IPowerSyncTokenIssuer
{
    private readonly PowerSyncKeyRing _keys;
    private readonly PowerSyncAuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Creates an issuer.</summary>
    /// <param name="keys">The keys; <see cref="PowerSyncKeyRing.SigningKey"/> signs.</param>
    /// <param name="options">Audiences, issuer and lifetime (only those are read).</param>
    /// <param name="timeProvider">The clock for <c>iat</c> and <c>exp</c>; by default the system clock.</param>
    public PowerSyncTokenIssuer(PowerSyncKeyRing keys, PowerSyncAuthOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        _keys = keys;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public ValueTask<PowerSyncToken> IssueTokenAsync(PowerSyncTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var key = _keys.SigningKey
            ?? throw new InvalidOperationException("No PowerSync key can sign: configure a private key or secret (PowerSync:Auth:Keys) or enable GenerateDevelopmentKey.");

        var lifetime = request.Lifetime ?? _options.TokenLifetime;
        if (lifetime < TimeSpan.FromSeconds(1) || lifetime > TokenRules.MaximumLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(request), lifetime, "A token lifetime must be between 1 second and 24 hours (the PowerSync Service refuses longer ones).");
        }

        var audiences = request.Audiences.Count > 0 ? request.Audiences : _options.Audiences;
        if (audiences.Count == 0)
        {
            throw new InvalidOperationException("No audience: configure PowerSync:Auth:Audiences (the PowerSync Service's client_auth.audience).");
        }

        // JWT times are whole seconds; truncating both keeps exp - iat exactly the lifetime.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(_timeProvider.GetUtcNow().ToUnixTimeSeconds());
        var expiresAt = issuedAt.AddSeconds(Math.Floor(lifetime.TotalSeconds));
        var descriptor = new SecurityTokenDescriptor
        {
            SigningCredentials = key.GetSigningCredentials(),
            IssuedAt = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Issuer = _options.Issuer,
            Claims = Claims(request),
        };
        if (audiences.Count == 1)
        {
            descriptor.Audience = audiences[0];
        }
        else
        {
            foreach (var audience in audiences)
            {
                descriptor.Audiences.Add(audience);
            }
        }

        var token = _handler.CreateToken(descriptor);
        return ValueTask.FromResult(new PowerSyncToken(token, request.UserId, key.KeyId, key.Algorithm, issuedAt, expiresAt));
    }

    private static Dictionary<string, object> Claims(PowerSyncTokenRequest request)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [TokenRules.SubjectClaim] = request.UserId };
        foreach (var (name, value) in request.Claims)
        {
            if (TokenRules.Reserved.Contains(name))
            {
                throw new ArgumentException($"The claim '{name}' is set by the issuer; use the request's properties instead.", nameof(request));
            }

            claims[name] = value!;
        }

        if (request.Parameters.Count > 0)
        {
            claims[TokenRules.ParametersClaim] = new Dictionary<string, object?>(request.Parameters, StringComparer.Ordinal);
        }

        return claims;
    }
}

using System.Security.Claims;

namespace PowerSync.Backend.AspNetCore.Tokens;

/// <summary>The outcome of <see cref="PowerSyncTokenValidator.ValidateAsync"/>.</summary>
public sealed class PowerSyncTokenValidationResult
{
    private PowerSyncTokenValidationResult()
    {
    }

    /// <summary>Whether the token is valid.</summary>
    public bool IsValid { get; private init; }

    /// <summary>Why the token was refused, for logs (never echoes the token); <see langword="null"/> when valid.</summary>
    public string? Error { get; private init; }

    /// <summary>The token's claims (<c>sub</c> is the name claim); <see langword="null"/> when refused.</summary>
    public ClaimsIdentity? Identity { get; private init; }

    /// <summary>The user id (<c>sub</c>); <see langword="null"/> when refused.</summary>
    public string? UserId { get; private init; }

    /// <summary>The key id from the token's header, when it had one.</summary>
    public string? KeyId { get; private init; }

    /// <summary>When the token expires; <see langword="null"/> when refused.</summary>
    public DateTimeOffset? ExpiresAt { get; private init; }

    internal static PowerSyncTokenValidationResult Refused(string error, string? keyId = null) =>
        new() { Error = error, KeyId = keyId };

    internal static PowerSyncTokenValidationResult Valid(ClaimsIdentity identity, string userId, string keyId, DateTimeOffset expiresAt) =>
        new() { IsValid = true, Identity = identity, UserId = userId, KeyId = keyId, ExpiresAt = expiresAt };
}

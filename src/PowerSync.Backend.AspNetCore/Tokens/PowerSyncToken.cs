namespace PowerSync.Backend.AspNetCore.Tokens;

/// <summary>An issued PowerSync token and what it says.</summary>
/// <param name="Token">The signed JWT (compact serialization).</param>
/// <param name="UserId">Its subject (<c>sub</c>).</param>
/// <param name="KeyId">The key that signed it (<c>kid</c>).</param>
/// <param name="Algorithm">The signing algorithm (<c>alg</c>).</param>
/// <param name="IssuedAt">Its <c>iat</c>, in whole seconds.</param>
/// <param name="ExpiresAt">Its <c>exp</c>, in whole seconds.</param>
public sealed record PowerSyncToken(string Token, string UserId, string KeyId, string Algorithm, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Describes the token without its text, so that a token never lands in a log by accident.</summary>
    /// <returns>A description without the token.</returns>
    public override string ToString() => $"PowerSync token for '{UserId}' (kid {KeyId}, expires {ExpiresAt:O})";
}

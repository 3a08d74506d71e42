namespace PowerSync.Backend.AspNetCore.Tokens;

/// <summary>Shortcuts for <see cref="IPowerSyncTokenIssuer"/>.</summary>
public static class PowerSyncTokenIssuerExtensions
{
    /// <summary>Signs a token for a user with the configured audiences and lifetime.</summary>
    /// <param name="issuer">The issuer.</param>
    /// <param name="userId">The user id (<c>sub</c>).</param>
    /// <param name="cancellationToken">Cancels issuing.</param>
    /// <returns>The token.</returns>
    public static ValueTask<PowerSyncToken> IssueTokenAsync(this IPowerSyncTokenIssuer issuer, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return issuer.IssueTokenAsync(new PowerSyncTokenRequest(userId), cancellationToken);
    }
}

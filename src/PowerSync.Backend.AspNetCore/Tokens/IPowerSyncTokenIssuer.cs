namespace PowerSync.Backend.AspNetCore.Tokens;

/// <summary>Issues the JWTs PowerSync clients present to the PowerSync Service. Registered by <c>AddPowerSyncAuth()</c>; usable from any code.</summary>
public interface IPowerSyncTokenIssuer
{
    /// <summary>Signs a token with the active signing key.</summary>
    /// <param name="request">The user and any extras.</param>
    /// <param name="cancellationToken">Cancels issuing (signers backed by a remote key service may take time).</param>
    /// <returns>The token.</returns>
    /// <exception cref="InvalidOperationException">No key can sign.</exception>
    /// <exception cref="ArgumentException">The request asks for a reserved claim or a lifetime the service refuses.</exception>
    ValueTask<PowerSyncToken> IssueTokenAsync(PowerSyncTokenRequest request, CancellationToken cancellationToken = default);
}

namespace PowerSync.Backend.AspNetCore.Tokens;

/// <summary>What to put in a PowerSync token beyond the configured defaults.</summary>
public sealed class PowerSyncTokenRequest
{
    /// <summary>Creates a request for a user's token.</summary>
    /// <param name="userId">The user id, written as <c>sub</c> (what sync rules see as the user id).</param>
    public PowerSyncTokenRequest(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        UserId = userId;
    }

    /// <summary>The user id (<c>sub</c>).</summary>
    public string UserId { get; }

    /// <summary>The audiences (<c>aud</c>).</summary>
    /// <value>Empty: the configured <see cref="Auth.PowerSyncAuthOptions.Audiences"/>.</value>
    public IList<string> Audiences { get; } = [];

    /// <summary>How long the token is valid, in whole seconds; at most 24 hours.</summary>
    /// <value><see langword="null"/>: the configured <see cref="Auth.PowerSyncAuthOptions.TokenLifetime"/>.</value>
    public TimeSpan? Lifetime { get; set; }

    /// <summary>The <c>parameters</c> claim: values sync rules read as token parameters.</summary>
    /// <value>Empty: no <c>parameters</c> claim.</value>
    public IDictionary<string, object?> Parameters { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Other claims. The standard ones (<c>sub</c>, <c>aud</c>, <c>iat</c>, <c>exp</c>, <c>nbf</c>, <c>iss</c>) and <c>parameters</c> are refused here.</summary>
    /// <value>Empty.</value>
    public IDictionary<string, object?> Claims { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}

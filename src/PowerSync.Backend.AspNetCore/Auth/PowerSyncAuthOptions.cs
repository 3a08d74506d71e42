using PowerSync.Backend.AspNetCore.Keys;

namespace PowerSync.Backend.AspNetCore.Auth;

/// <summary>
/// How the backend authenticates clients for the PowerSync Service: token contents and lifetime, keys, and the
/// token endpoint's development mode. Bound from the configuration section <see cref="SectionName"/> (so from
/// <c>appsettings.json</c> or environment variables such as <c>PowerSync__Auth__Audiences__0</c>), then changed by
/// the <c>AddPowerSyncAuth</c> delegate; validated at start-up.
/// </summary>
public sealed class PowerSyncAuthOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "PowerSync:Auth";

    /// <summary>
    /// The audiences tokens are issued for (<c>aud</c>) and that validation accepts: the PowerSync Service's
    /// <c>client_auth.audience</c> (for PowerSync Cloud, the instance URL). At least one is required.
    /// </summary>
    /// <value>Empty; start-up fails until one is configured.</value>
    public IList<string> Audiences { get; } = [];

    /// <summary>The issuer (<c>iss</c>) written into tokens and, when set, required of tokens validated.</summary>
    /// <value><see langword="null"/>: no <c>iss</c> claim.</value>
    public string? Issuer { get; set; }

    /// <summary>How long issued tokens are valid (<c>exp - iat</c>). The PowerSync Service refuses more than 24 hours.</summary>
    /// <value>5 minutes. More than 86,400 seconds is refused at start-up.</value>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The tolerance for clock differences when validating <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    /// <value>60 seconds, as the PowerSync Service allows.</value>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The PowerSync Service URL the token endpoint returns as <c>powersync_url</c> (the client's <c>endpoint</c>).</summary>
    /// <value><see langword="null"/>: <c>powersync_url</c> is <c>null</c>.</value>
    public Uri? PowerSyncUrl { get; set; }

    /// <summary>The keys, verification and signing; see <see cref="PowerSyncKeyOptions"/>.</summary>
    /// <value>Empty; then <see cref="GenerateDevelopmentKey"/> must be set.</value>
    public IList<PowerSyncKeyOptions> Keys { get; } = [];

    /// <summary>The key id of the key that signs new tokens; required when several configured keys can sign.</summary>
    /// <value><see langword="null"/>: the one key that can sign.</value>
    public string? SigningKeyId { get; set; }

    /// <summary>
    /// When no <see cref="Keys"/> are configured, generate a signing key on first start and keep it in
    /// <see cref="DevelopmentKeyPath"/>, so that restarts keep issued tokens valid. For development and single-instance
    /// test setups: every instance needs the same keys.
    /// </summary>
    /// <value><see langword="false"/>: start-up fails without configured keys.</value>
    public bool GenerateDevelopmentKey { get; set; }

    /// <summary>Where the generated development key is kept (a JWK file, mode 600); relative paths start at the content root.</summary>
    /// <value><see langword="null"/>: <c>.powersync/development-key.json</c> under the content root.</value>
    public string? DevelopmentKeyPath { get; set; }

    /// <summary>The algorithm of a generated development key: <c>RS256</c>, <c>ES256</c> or <c>HS256</c> (and their 384/512 variants).</summary>
    /// <value><c>RS256</c>.</value>
    public string DevelopmentKeyAlgorithm { get; set; } = "RS256";

    /// <summary>
    /// Lets anonymous callers of the token endpoint get a token for any user with <c>?user_id=&lt;id&gt;</c>, as
    /// PowerSync's demo backends do. Every such token is logged as a warning. Never enable it in production.
    /// </summary>
    /// <value><see langword="false"/>: anonymous token requests get 401.</value>
    public bool DevelopmentMode { get; set; }

    /// <summary>The claim of the host's authenticated principal that holds the user id (the token's <c>sub</c>); the name identifier claim is the fallback.</summary>
    /// <value><c>sub</c>.</value>
    public string UserIdClaimType { get; set; } = "sub";

    /// <summary>Adds to or changes each token the token endpoint issues (extra claims, <c>parameters</c>, a shorter lifetime).</summary>
    /// <value><see langword="null"/>: tokens carry only the standard claims.</value>
    public Func<PowerSyncTokenRequestContext, ValueTask>? OnTokenRequest { get; set; }
}

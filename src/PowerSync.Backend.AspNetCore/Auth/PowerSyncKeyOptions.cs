namespace PowerSync.Backend.AspNetCore.Auth;

/// <summary>
/// One configured key: exactly one of <see cref="Pem"/>, <see cref="PemFile"/>, <see cref="Jwk"/>,
/// <see cref="JwkFile"/> or <see cref="Secret"/>. A private key (or secret) can sign; a public key only verifies.
/// </summary>
public sealed class PowerSyncKeyOptions
{
    /// <summary>The key id (<c>kid</c>).</summary>
    /// <value><see langword="null"/>: the JWK's own <c>kid</c>, else the key's RFC 7638 thumbprint.</value>
    public string? KeyId { get; set; }

    /// <summary>The algorithm: <c>RS256</c>/<c>RS384</c>/<c>RS512</c>, <c>ES256</c>/<c>ES384</c>/<c>ES512</c> or <c>HS256</c>/<c>HS384</c>/<c>HS512</c>.</summary>
    /// <value><see langword="null"/>: the JWK's <c>alg</c>, else <c>RS256</c> for RSA, the curve's ES algorithm for EC, <c>HS256</c> for secrets.</value>
    public string? Algorithm { get; set; }

    /// <summary>A PEM key, inline (for example from an environment variable).</summary>
    /// <value><see langword="null"/>.</value>
    public string? Pem { get; set; }

    /// <summary>A file holding a PEM key; relative paths start at the content root.</summary>
    /// <value><see langword="null"/>.</value>
    public string? PemFile { get; set; }

    /// <summary>A JSON Web Key, inline.</summary>
    /// <value><see langword="null"/>.</value>
    public string? Jwk { get; set; }

    /// <summary>A file holding a JSON Web Key; relative paths start at the content root.</summary>
    /// <value><see langword="null"/>.</value>
    public string? JwkFile { get; set; }

    /// <summary>An HMAC secret, base64url-encoded as in the service's <c>kty: oct</c> key (<c>k</c>). Development only.</summary>
    /// <value><see langword="null"/>.</value>
    public string? Secret { get; set; }
}

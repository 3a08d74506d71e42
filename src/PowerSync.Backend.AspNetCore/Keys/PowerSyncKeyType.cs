namespace PowerSync.Backend.AspNetCore.Keys;

/// <summary>The kind of a <see cref="PowerSyncKey"/> (its JWK <c>kty</c>).</summary>
public enum PowerSyncKeyType
{
    /// <summary>An RSA key (<c>kty: RSA</c>) for RS256, RS384 or RS512.</summary>
    Rsa,

    /// <summary>An elliptic-curve key (<c>kty: EC</c>) for ES256 (P-256), ES384 (P-384) or ES512 (P-521).</summary>
    EllipticCurve,

    /// <summary>A shared secret (<c>kty: oct</c>) for HS256, HS384 or HS512. Never published in a JWKS.</summary>
    Symmetric,
}

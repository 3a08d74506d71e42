using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PowerSync.Backend.AspNetCore.Keys;

/// <summary>
/// One key for PowerSync tokens: an RSA or elliptic-curve key pair (or only its public half, which can verify
/// but not sign), or an HMAC secret; with its key id (<c>kid</c>) and algorithm (<c>alg</c>).
/// </summary>
/// <remarks>
/// Usable without ASP.NET Core or DI (a command-line tool generates, prints and signs with the same type).
/// Instances are immutable and thread-safe. Key ids default to the RFC 7638 JWK thumbprint, so the same key
/// always gets the same id.
/// </remarks>
public sealed partial class PowerSyncKey
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;
    private readonly byte[]? _secret;
    private readonly SigningCredentials? _signingCredentials;

    private PowerSyncKey(string? keyId, string algorithm, RSA? rsa, ECDsa? ecdsa, byte[]? secret, bool canSign)
    {
        _rsa = rsa;
        _ecdsa = ecdsa;
        _secret = secret;
        Algorithm = algorithm;
        CanSign = canSign;
        KeyType = rsa is not null ? PowerSyncKeyType.Rsa : ecdsa is not null ? PowerSyncKeyType.EllipticCurve : PowerSyncKeyType.Symmetric;
        SecurityKey key = KeyType switch
        {
            PowerSyncKeyType.Rsa => new RsaSecurityKey(rsa!),
            PowerSyncKeyType.EllipticCurve => new ECDsaSecurityKey(ecdsa!),
            _ => new SymmetricSecurityKey(secret!),
        };
        KeyId = string.IsNullOrEmpty(keyId) ? Thumbprint() : keyId;
        key.KeyId = KeyId;
        SecurityKey = key;
        _signingCredentials = canSign ? new SigningCredentials(key, algorithm) : null;
    }

    /// <summary>The key id: the <c>kid</c> in token headers and in the JWKS.</summary>
    public string KeyId { get; }

    /// <summary>The signing algorithm (<c>alg</c>), such as <c>RS256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The kind of key.</summary>
    public PowerSyncKeyType KeyType { get; }

    /// <summary>Whether the key can sign: a private key or a secret, not only a public key.</summary>
    public bool CanSign { get; }

    /// <summary>Whether the key is a shared secret (HS algorithms), which is never published.</summary>
    public bool IsSymmetric => KeyType == PowerSyncKeyType.Symmetric;

    /// <summary>The key as IdentityModel uses it, with <see cref="SecurityKey.KeyId"/> set; for validation parameters.</summary>
    public SecurityKey SecurityKey { get; }

    /// <summary>Generates a new key.</summary>
    /// <param name="algorithm">
    /// <c>RS256</c> (the default; a 2048-bit RSA key pair), <c>RS384</c>, <c>RS512</c>, <c>ES256</c> (P-256),
    /// <c>ES384</c> (P-384), <c>ES512</c> (P-521), or <c>HS256</c>/<c>HS384</c>/<c>HS512</c> (a random secret as
    /// long as the hash; development only, since the PowerSync Service must then hold the same secret).
    /// </param>
    /// <param name="keyId">The key id; by default the key's JWK thumbprint.</param>
    /// <returns>The key, able to sign.</returns>
    /// <exception cref="ArgumentException">The algorithm is not supported.</exception>
    public static PowerSyncKey Generate(string algorithm = KeyAlgorithms.Default, string? keyId = null)
    {
        RequireSupported(algorithm);
        return KeyAlgorithms.TypeOf(algorithm) switch
        {
            PowerSyncKeyType.Rsa => new PowerSyncKey(keyId, algorithm, RSA.Create(KeyAlgorithms.MinimumRsaKeySize), null, null, canSign: true),
            PowerSyncKeyType.EllipticCurve => new PowerSyncKey(keyId, algorithm, null, ECDsa.Create(KeyAlgorithms.CurveOf(algorithm)), null, canSign: true),
            _ => new PowerSyncKey(keyId, algorithm, null, null, RandomNumberGenerator.GetBytes(KeyAlgorithms.MinimumSecretBytes(algorithm)), canSign: true),
        };
    }

    /// <summary>The credentials that sign tokens with this key.</summary>
    /// <returns>The credentials (one cached instance).</returns>
    /// <exception cref="InvalidOperationException">The key is a public key only.</exception>
    public SigningCredentials GetSigningCredentials() =>
        _signingCredentials ?? throw new InvalidOperationException($"Key '{KeyId}' is a public key; it verifies tokens but cannot sign them.");

    /// <inheritdoc />
    public override string ToString() => $"{KeyId} ({Algorithm}{(CanSign ? string.Empty : ", verify only")})";

    private static void RequireSupported(string algorithm)
    {
        if (!KeyAlgorithms.IsSupported(algorithm))
        {
            throw new ArgumentException($"Algorithm '{algorithm}' is not supported; use one of {KeyAlgorithms.SupportedList}.", nameof(algorithm));
        }
    }
}

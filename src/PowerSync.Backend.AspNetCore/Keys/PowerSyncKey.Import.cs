using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PowerSync.Backend.AspNetCore.Keys;

/// <summary>Reading keys: PEM, JWK and base64url secrets.</summary>
public sealed partial class PowerSyncKey
{
    /// <summary>
    /// Reads a PEM key: a private key (<c>PRIVATE KEY</c>, <c>RSA PRIVATE KEY</c>, <c>EC PRIVATE KEY</c>), which can
    /// sign, or a public key (<c>PUBLIC KEY</c>, <c>RSA PUBLIC KEY</c>), which only verifies.
    /// </summary>
    /// <param name="pem">The PEM text, holding one key block (other blocks, such as certificates, are ignored).</param>
    /// <param name="keyId">The key id; by default the key's JWK thumbprint.</param>
    /// <param name="algorithm">The algorithm; by default <c>RS256</c> for RSA and the curve's ES algorithm for EC keys.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">No usable key is found, or it does not suit the algorithm.</exception>
    public static PowerSyncKey FromPem(string pem, string? keyId = null, string? algorithm = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new FormatException("No PEM block (-----BEGIN …-----) was found.");
        }

        var label = pem[fields.Label];
        var canSign = label switch
        {
            "PRIVATE KEY" or "RSA PRIVATE KEY" or "EC PRIVATE KEY" => true,
            "PUBLIC KEY" or "RSA PUBLIC KEY" => false,
            "ENCRYPTED PRIVATE KEY" => throw new FormatException("Encrypted private keys are not supported; decrypt the key (openssl pkcs8 -in key.pem -out plain.pem) and keep it in a secret store instead."),
            _ => throw new FormatException($"A '{label}' PEM block holds no key this package reads; use a PRIVATE KEY or PUBLIC KEY block."),
        };

        if (label != "EC PRIVATE KEY" && TryImport(pem, RSA.Create()) is { } rsa)
        {
            return FromRsa(rsa, keyId, algorithm, canSign);
        }

        if (!label.StartsWith("RSA ", StringComparison.Ordinal) && TryImport(pem, ECDsa.Create()) is { } ecdsa)
        {
            return FromEcdsa(ecdsa, keyId, algorithm, canSign);
        }

        throw new FormatException($"The '{label}' PEM block is neither an RSA nor an elliptic-curve key.");
    }

    /// <summary>Reads a JSON Web Key (RFC 7517): <c>kty</c> <c>RSA</c>, <c>EC</c> or <c>oct</c>, with or without its private members.</summary>
    /// <param name="json">The JWK JSON object.</param>
    /// <param name="keyId">The key id; by default the JWK's <c>kid</c>, else its thumbprint.</param>
    /// <param name="algorithm">The algorithm; by default the JWK's <c>alg</c>, else <c>RS256</c>, the curve's ES algorithm or <c>HS256</c>.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The JSON is not a usable signing key.</exception>
    public static PowerSyncKey FromJwk(string json, string? keyId = null, string? algorithm = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        JsonWebKey jwk;
        try
        {
            jwk = new JsonWebKey(json);
        }
        catch (ArgumentException exception)
        {
            throw new FormatException("The JWK is not a valid JSON object.", exception);
        }

        if (!string.IsNullOrEmpty(jwk.Use) && jwk.Use != JsonWebKeyUseNames.Sig)
        {
            throw new FormatException($"The JWK is for use '{jwk.Use}'; PowerSync tokens need a signing key (use: sig).");
        }

        keyId = string.IsNullOrEmpty(keyId) ? jwk.Kid : keyId;
        algorithm = string.IsNullOrEmpty(algorithm) ? jwk.Alg : algorithm;
        try
        {
            return jwk.Kty switch
            {
                JsonWebAlgorithmsKeyTypes.RSA => FromRsaJwk(jwk, keyId, algorithm),
                JsonWebAlgorithmsKeyTypes.EllipticCurve => FromEcJwk(jwk, keyId, algorithm),
                JsonWebAlgorithmsKeyTypes.Octet => FromSecretBytes(Decode(jwk.K, "k"), keyId, algorithm),
                _ => throw new FormatException($"The JWK's kty '{jwk.Kty}' is not supported; use RSA, EC or oct."),
            };
        }
        catch (CryptographicException exception)
        {
            throw new FormatException($"The {jwk.Kty} JWK does not hold a valid key: {exception.Message}", exception);
        }
    }

    /// <summary>Creates an HMAC key from a secret encoded as base64url (the JWK <c>k</c> member, as the PowerSync Service config spells it).</summary>
    /// <param name="base64UrlSecret">The secret, base64url-encoded; at least as long as the hash (32 bytes for HS256).</param>
    /// <param name="keyId">The key id; by default the key's JWK thumbprint.</param>
    /// <param name="algorithm"><c>HS256</c> (the default), <c>HS384</c> or <c>HS512</c>.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The secret is not base64url, or too short.</exception>
    public static PowerSyncKey FromSecret(string base64UrlSecret, string? keyId = null, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(base64UrlSecret);
        return FromSecretBytes(Decode(base64UrlSecret, "secret"), keyId, algorithm);
    }

    private static PowerSyncKey FromRsa(RSA rsa, string? keyId, string? algorithm, bool canSign)
    {
        algorithm = string.IsNullOrEmpty(algorithm) ? SecurityAlgorithms.RsaSha256 : algorithm;
        RequireType(algorithm, PowerSyncKeyType.Rsa, "an RSA key");
        if (rsa.KeySize < KeyAlgorithms.MinimumRsaKeySize)
        {
            throw new FormatException($"The RSA key has {rsa.KeySize} bits; at least {KeyAlgorithms.MinimumRsaKeySize} are required.");
        }

        return new PowerSyncKey(keyId, algorithm, rsa, null, null, canSign);
    }

    private static PowerSyncKey FromEcdsa(ECDsa ecdsa, string? keyId, string? algorithm, bool canSign)
    {
        var curve = KeyAlgorithms.CurveName(ecdsa.ExportParameters(includePrivateParameters: false).Curve)
            ?? throw new FormatException("The elliptic-curve key is not on P-256, P-384 or P-521.");
        algorithm = string.IsNullOrEmpty(algorithm) ? KeyAlgorithms.EcdsaAlgorithmFor(curve) : algorithm;
        RequireType(algorithm, PowerSyncKeyType.EllipticCurve, "an elliptic-curve key");
        if (KeyAlgorithms.EcdsaAlgorithmFor(curve) != algorithm)
        {
            throw new FormatException($"A {curve} key signs with {KeyAlgorithms.EcdsaAlgorithmFor(curve)}, not {algorithm}.");
        }

        return new PowerSyncKey(keyId, algorithm, null, ecdsa, null, canSign);
    }

    private static PowerSyncKey FromRsaJwk(JsonWebKey jwk, string? keyId, string? algorithm)
    {
        var canSign = !string.IsNullOrEmpty(jwk.D);
        var parameters = new RSAParameters { Modulus = Decode(jwk.N, "n"), Exponent = Decode(jwk.E, "e") };
        if (canSign)
        {
            parameters.D = Decode(jwk.D, "d");
            parameters.P = Decode(jwk.P, "p");
            parameters.Q = Decode(jwk.Q, "q");
            parameters.DP = Decode(jwk.DP, "dp");
            parameters.DQ = Decode(jwk.DQ, "dq");
            parameters.InverseQ = Decode(jwk.QI, "qi");
        }

        return FromRsa(RSA.Create(parameters), keyId, algorithm, canSign);
    }

    private static PowerSyncKey FromEcJwk(JsonWebKey jwk, string? keyId, string? algorithm)
    {
        var curve = KeyAlgorithms.CurveNamed(jwk.Crv) ?? throw new FormatException($"The JWK's curve '{jwk.Crv}' is not supported; use P-256, P-384 or P-521.");
        var canSign = !string.IsNullOrEmpty(jwk.D);
        var parameters = new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = Decode(jwk.X, "x"), Y = Decode(jwk.Y, "y") },
            D = canSign ? Decode(jwk.D, "d") : null,
        };
        return FromEcdsa(ECDsa.Create(parameters), keyId, algorithm, canSign);
    }

    private static PowerSyncKey FromSecretBytes(byte[] secret, string? keyId, string? algorithm)
    {
        algorithm = string.IsNullOrEmpty(algorithm) ? SecurityAlgorithms.HmacSha256 : algorithm;
        RequireType(algorithm, PowerSyncKeyType.Symmetric, "a secret");
        var minimum = KeyAlgorithms.MinimumSecretBytes(algorithm);
        if (secret.Length < minimum)
        {
            throw new FormatException($"The {algorithm} secret has {secret.Length} bytes; at least {minimum} are required.");
        }

        return new PowerSyncKey(keyId, algorithm, null, null, secret, canSign: true);
    }

    private static TAlgorithm? TryImport<TAlgorithm>(string pem, TAlgorithm algorithm)
        where TAlgorithm : AsymmetricAlgorithm
    {
        try
        {
            algorithm.ImportFromPem(pem);
            return algorithm;
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            algorithm.Dispose();
            return null;
        }
    }

    private static void RequireType(string algorithm, PowerSyncKeyType type, string what)
    {
        if (!KeyAlgorithms.IsSupported(algorithm))
        {
            throw new FormatException($"Algorithm '{algorithm}' is not supported; use one of {KeyAlgorithms.SupportedList}.");
        }

        if (KeyAlgorithms.TypeOf(algorithm) != type)
        {
            throw new FormatException($"Algorithm {algorithm} cannot be used with {what}.");
        }
    }

    private static byte[] Decode(string? base64Url, string member)
    {
        if (string.IsNullOrEmpty(base64Url))
        {
            throw new FormatException($"The key has no '{member}'.");
        }

        try
        {
            return Base64UrlEncoder.DecodeBytes(base64Url);
        }
        catch (FormatException exception)
        {
            throw new FormatException($"The key's '{member}' is not base64url.", exception);
        }
    }
}

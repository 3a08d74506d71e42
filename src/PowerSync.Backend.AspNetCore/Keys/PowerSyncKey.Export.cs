using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace PowerSync.Backend.AspNetCore.Keys;

/// <summary>Writing a key out: public and private JWKs, PEM, thumbprints.</summary>
public sealed partial class PowerSyncKey
{
    /// <summary>
    /// Writes the public half as a JWK for a JWKS document: <c>kty</c>, <c>kid</c>, <c>alg</c>, <c>use: "sig"</c>
    /// and <c>n</c>/<c>e</c> or <c>crv</c>/<c>x</c>/<c>y</c>. Private members are never written.
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="InvalidOperationException">The key is a shared secret, which has no public half.</exception>
    public void WritePublicJwk(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IsSymmetric)
        {
            throw new InvalidOperationException($"Key '{KeyId}' is a shared secret ({Algorithm}); it has no public half and is never published.");
        }

        WriteJwk(writer, includePrivate: false);
    }

    /// <summary>Writes the whole key as a JWK, private members included: for key files and secret stores, never for publishing.</summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="InvalidOperationException">The key is a public key only.</exception>
    public void WritePrivateJwk(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!CanSign)
        {
            throw new InvalidOperationException($"Key '{KeyId}' is a public key; it has no private members.");
        }

        WriteJwk(writer, includePrivate: true);
    }

    /// <summary>The public half as a JWK JSON object (see <see cref="WritePublicJwk"/>).</summary>
    /// <returns>The JSON.</returns>
    public string ToPublicJwkJson() => ToJson(WritePublicJwk);

    /// <summary>The whole key as a JWK JSON object (see <see cref="WritePrivateJwk"/>). Keep it secret.</summary>
    /// <returns>The JSON.</returns>
    public string ToPrivateJwkJson() => ToJson(WritePrivateJwk);

    /// <summary>The public key as PEM (<c>PUBLIC KEY</c>, SubjectPublicKeyInfo).</summary>
    /// <returns>The PEM text.</returns>
    /// <exception cref="InvalidOperationException">The key is a shared secret.</exception>
    public string ExportPublicKeyPem() => KeyType switch
    {
        PowerSyncKeyType.Rsa => _rsa!.ExportSubjectPublicKeyInfoPem(),
        PowerSyncKeyType.EllipticCurve => _ecdsa!.ExportSubjectPublicKeyInfoPem(),
        _ => throw new InvalidOperationException($"Key '{KeyId}' is a shared secret; it has no public key."),
    };

    /// <summary>The private key as PEM (<c>PRIVATE KEY</c>, PKCS #8). Keep it secret.</summary>
    /// <returns>The PEM text.</returns>
    /// <exception cref="InvalidOperationException">The key is a public key only, or a shared secret.</exception>
    public string ExportPrivateKeyPem() => CanSign ? KeyType switch
    {
        PowerSyncKeyType.Rsa => _rsa!.ExportPkcs8PrivateKeyPem(),
        PowerSyncKeyType.EllipticCurve => _ecdsa!.ExportPkcs8PrivateKeyPem(),
        _ => throw new InvalidOperationException($"Key '{KeyId}' is a shared secret; see ToPrivateJwkJson for its JWK (k)."),
    }
    : throw new InvalidOperationException($"Key '{KeyId}' is a public key; it has no private key.");

    /// <summary>The secret, base64url-encoded, for the service's inline <c>kty: oct</c> key; symmetric keys only.</summary>
    internal string SecretBase64Url => Base64UrlEncoder.Encode(_secret ?? throw new InvalidOperationException("Not a symmetric key."));

    private static string ToJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteJwk(Utf8JsonWriter writer, bool includePrivate)
    {
        writer.WriteStartObject();
        switch (KeyType)
        {
            case PowerSyncKeyType.Rsa:
                var rsa = _rsa!.ExportParameters(includePrivate);
                WriteHeader(writer, JsonWebAlgorithmsKeyTypes.RSA);
                Write(writer, "n", rsa.Modulus);
                Write(writer, "e", rsa.Exponent);
                if (includePrivate)
                {
                    Write(writer, "d", rsa.D);
                    Write(writer, "p", rsa.P);
                    Write(writer, "q", rsa.Q);
                    Write(writer, "dp", rsa.DP);
                    Write(writer, "dq", rsa.DQ);
                    Write(writer, "qi", rsa.InverseQ);
                }

                break;
            case PowerSyncKeyType.EllipticCurve:
                var ec = _ecdsa!.ExportParameters(includePrivate);
                WriteHeader(writer, JsonWebAlgorithmsKeyTypes.EllipticCurve);
                writer.WriteString("crv", KeyAlgorithms.CurveName(ec.Curve));
                Write(writer, "x", ec.Q.X);
                Write(writer, "y", ec.Q.Y);
                if (includePrivate)
                {
                    Write(writer, "d", ec.D);
                }

                break;
            default:
                WriteHeader(writer, JsonWebAlgorithmsKeyTypes.Octet);
                Write(writer, "k", _secret);
                break;
        }

        writer.WriteEndObject();
    }

    private void WriteHeader(Utf8JsonWriter writer, string keyType)
    {
        writer.WriteString("kty", keyType);
        writer.WriteString("kid", KeyId);
        writer.WriteString("alg", Algorithm);
        writer.WriteString("use", JsonWebKeyUseNames.Sig);
    }

    private static void Write(Utf8JsonWriter writer, string name, byte[]? value) =>
        writer.WriteString(name, Base64UrlEncoder.Encode(value ?? throw new InvalidOperationException($"The key has no '{name}'.")));

    /// <summary>The RFC 7638 thumbprint: SHA-256 over the required public members, base64url-encoded.</summary>
    private string Thumbprint()
    {
        var jwk = KeyType switch
        {
            PowerSyncKeyType.Rsa => RsaThumbprintMembers(_rsa!.ExportParameters(includePrivateParameters: false)),
            PowerSyncKeyType.EllipticCurve => EcThumbprintMembers(_ecdsa!.ExportParameters(includePrivateParameters: false)),
            _ => new JsonWebKey { Kty = JsonWebAlgorithmsKeyTypes.Octet, K = Base64UrlEncoder.Encode(_secret) },
        };
        return Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
    }

    private static JsonWebKey RsaThumbprintMembers(System.Security.Cryptography.RSAParameters parameters) => new()
    {
        Kty = JsonWebAlgorithmsKeyTypes.RSA,
        N = Base64UrlEncoder.Encode(parameters.Modulus),
        E = Base64UrlEncoder.Encode(parameters.Exponent),
    };

    private static JsonWebKey EcThumbprintMembers(System.Security.Cryptography.ECParameters parameters) => new()
    {
        Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve,
        Crv = KeyAlgorithms.CurveName(parameters.Curve),
        X = Base64UrlEncoder.Encode(parameters.Q.X),
        Y = Base64UrlEncoder.Encode(parameters.Q.Y),
    };
}

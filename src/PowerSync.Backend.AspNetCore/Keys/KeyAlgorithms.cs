using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PowerSync.Backend.AspNetCore.Keys;

/// <summary>The signing algorithms the PowerSync Service accepts that this package can sign with, and what each needs.</summary>
internal static class KeyAlgorithms
{
    /// <summary>The default: what PowerSync's documentation and demo backends use.</summary>
    public const string Default = SecurityAlgorithms.RsaSha256;

    /// <summary>The smallest RSA modulus accepted, in bits (IdentityModel refuses to sign with less).</summary>
    public const int MinimumRsaKeySize = 2048;

    private static readonly string[] Supported =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512,
    ];

    public static string SupportedList => string.Join(", ", Supported);

    public static bool IsSupported(string? algorithm) => algorithm is not null && Supported.Contains(algorithm, StringComparer.Ordinal);

    public static PowerSyncKeyType TypeOf(string algorithm) => algorithm[..2] switch
    {
        "RS" => PowerSyncKeyType.Rsa,
        "ES" => PowerSyncKeyType.EllipticCurve,
        _ => PowerSyncKeyType.Symmetric,
    };

    /// <summary>The curve an ES algorithm signs on (RFC 7518 §3.4).</summary>
    public static ECCurve CurveOf(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.EcdsaSha384 => ECCurve.NamedCurves.nistP384,
        SecurityAlgorithms.EcdsaSha512 => ECCurve.NamedCurves.nistP521,
        _ => ECCurve.NamedCurves.nistP256,
    };

    /// <summary>The JWK <c>crv</c> name of a curve, or <see langword="null"/> for curves PowerSync does not accept.</summary>
    public static string? CurveName(ECCurve curve) => curve.Oid.Value switch
    {
        "1.2.840.10045.3.1.7" => JsonWebKeyECTypes.P256,
        "1.3.132.0.34" => JsonWebKeyECTypes.P384,
        "1.3.132.0.35" => JsonWebKeyECTypes.P521,
        _ => null,
    };

    public static ECCurve? CurveNamed(string? name) => name switch
    {
        JsonWebKeyECTypes.P256 => ECCurve.NamedCurves.nistP256,
        JsonWebKeyECTypes.P384 => ECCurve.NamedCurves.nistP384,
        JsonWebKeyECTypes.P521 => ECCurve.NamedCurves.nistP521,
        _ => null,
    };

    /// <summary>The ES algorithm that signs on a curve (each curve has exactly one).</summary>
    public static string EcdsaAlgorithmFor(string curveName) => curveName switch
    {
        JsonWebKeyECTypes.P384 => SecurityAlgorithms.EcdsaSha384,
        JsonWebKeyECTypes.P521 => SecurityAlgorithms.EcdsaSha512,
        _ => SecurityAlgorithms.EcdsaSha256,
    };

    /// <summary>The shortest HMAC secret for an HS algorithm: the hash's output size (RFC 7518 §3.2).</summary>
    public static int MinimumSecretBytes(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.HmacSha384 => 48,
        SecurityAlgorithms.HmacSha512 => 64,
        _ => 32,
    };
}

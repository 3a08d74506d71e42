using System.Security.Cryptography;
using System.Text.Json;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;

namespace PowerSync.Backend.AspNetCore.Tests.Keys;

public sealed class PowerSyncKeyTests
{
    [Theory]
    [InlineData("RS256", PowerSyncKeyType.Rsa, null)]
    [InlineData("RS512", PowerSyncKeyType.Rsa, null)]
    [InlineData("ES256", PowerSyncKeyType.EllipticCurve, "P-256")]
    [InlineData("ES384", PowerSyncKeyType.EllipticCurve, "P-384")]
    [InlineData("ES512", PowerSyncKeyType.EllipticCurve, "P-521")]
    public void Generated_asymmetric_keys_sign_and_publish_their_public_half(string algorithm, PowerSyncKeyType type, string? curve)
    {
        var key = PowerSyncKey.Generate(algorithm);

        Assert.True(key.CanSign);
        Assert.Equal(type, key.KeyType);
        Assert.Equal(algorithm, key.Algorithm);
        var jwk = JsonDocument.Parse(key.ToPublicJwkJson()).RootElement;
        Assert.Equal(algorithm, jwk.GetProperty("alg").GetString());
        Assert.Equal("sig", jwk.GetProperty("use").GetString());
        Assert.Equal(key.KeyId, jwk.GetProperty("kid").GetString());
        if (curve is not null)
        {
            Assert.Equal(curve, jwk.GetProperty("crv").GetString());
        }
    }

    [Theory]
    [InlineData("HS256", 32)]
    [InlineData("HS384", 48)]
    [InlineData("HS512", 64)]
    public void Generated_secrets_are_as_long_as_the_hash_and_never_public(string algorithm, int bytes)
    {
        var key = PowerSyncKey.Generate(algorithm);

        Assert.True(key.IsSymmetric);
        Assert.Equal(bytes, Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(JsonDocument.Parse(key.ToPrivateJwkJson()).RootElement.GetProperty("k").GetString()).Length);
        Assert.Throws<InvalidOperationException>(key.ToPublicJwkJson);
        Assert.Throws<InvalidOperationException>(key.ExportPublicKeyPem);
    }

    [Theory]
    [InlineData("PS256")]
    [InlineData("none")]
    [InlineData("EdDSA")]
    public void Unsupported_algorithms_are_refused(string algorithm)
    {
        Assert.Throws<ArgumentException>(() => PowerSyncKey.Generate(algorithm));
    }

    [Fact]
    public void Key_id_defaults_to_the_rfc7638_thumbprint_so_the_same_key_keeps_its_id()
    {
        var key = PowerSyncKey.Generate("RS256");
        var jwk = JsonDocument.Parse(key.ToPublicJwkJson()).RootElement;
        var canonical = $$"""{"e":"{{jwk.GetProperty("e").GetString()}}","kty":"RSA","n":"{{jwk.GetProperty("n").GetString()}}"}""";

        Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical))), key.KeyId);
        Assert.Equal(key.KeyId, PowerSyncKey.FromPem(key.ExportPublicKeyPem()).KeyId);
        Assert.Equal(key.KeyId, PowerSyncKey.FromPem(key.ExportPrivateKeyPem()).KeyId);
    }

    [Fact]
    public void Private_pem_round_trips_and_can_sign_public_pem_only_verifies()
    {
        var key = TestKeys.Ec;

        var fromPrivate = PowerSyncKey.FromPem(key.ExportPrivateKeyPem(), "ec-1");
        var fromPublic = PowerSyncKey.FromPem(key.ExportPublicKeyPem(), "ec-1");

        Assert.True(fromPrivate.CanSign);
        Assert.False(fromPublic.CanSign);
        Assert.Equal("ES256", fromPublic.Algorithm);
        Assert.Equal(key.ToPublicJwkJson(), fromPublic.ToPublicJwkJson());
        Assert.Throws<InvalidOperationException>(fromPublic.GetSigningCredentials);
        Assert.Throws<InvalidOperationException>(fromPublic.ToPrivateJwkJson);
    }

    [Fact]
    public void Pkcs1_and_sec1_pem_blocks_are_read()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var fromPkcs1 = PowerSyncKey.FromPem(rsa.ExportRSAPrivateKeyPem());
        var fromPkcs1Public = PowerSyncKey.FromPem(rsa.ExportRSAPublicKeyPem());
        var fromSec1 = PowerSyncKey.FromPem(ec.ExportECPrivateKeyPem());

        Assert.True(fromPkcs1.CanSign);
        Assert.Equal(fromPkcs1.KeyId, fromPkcs1Public.KeyId);
        Assert.False(fromPkcs1Public.CanSign);
        Assert.Equal("ES384", fromSec1.Algorithm);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")]
    public void Unusable_pem_is_a_format_exception(string pem)
    {
        Assert.Throws<FormatException>(() => PowerSyncKey.FromPem(pem));
    }

    [Fact]
    public void Short_rsa_keys_and_mismatched_algorithms_are_refused()
    {
        using var small = RSA.Create(1024);

        Assert.Contains("2048", Assert.Throws<FormatException>(() => PowerSyncKey.FromPem(small.ExportPkcs8PrivateKeyPem())).Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => PowerSyncKey.FromPem(TestKeys.RsaA.ExportPublicKeyPem(), algorithm: "ES256"));
        Assert.Throws<FormatException>(() => PowerSyncKey.FromPem(TestKeys.Ec.ExportPublicKeyPem(), algorithm: "ES384"));
        Assert.Throws<FormatException>(() => PowerSyncKey.FromPem(TestKeys.Ec.ExportPublicKeyPem(), algorithm: "HS256"));
    }

    [Fact]
    public void Jwk_round_trips_with_its_kid_and_alg()
    {
        var key = PowerSyncKey.FromJwk(TestKeys.RsaA.ToPrivateJwkJson());

        Assert.Equal("rsa-a", key.KeyId);
        Assert.Equal("RS256", key.Algorithm);
        Assert.True(key.CanSign);
        Assert.Equal(TestKeys.RsaA.ToPublicJwkJson(), key.ToPublicJwkJson());
        Assert.Equal("override", PowerSyncKey.FromJwk(TestKeys.RsaA.ToPublicJwkJson(), keyId: "override").KeyId);
    }

    [Fact]
    public void Public_jwk_holds_exactly_the_public_members()
    {
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], Members(TestKeys.RsaA.ToPublicJwkJson()));
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x", "y"], Members(TestKeys.Ec.ToPublicJwkJson()));
        Assert.Equal(["alg", "d", "dp", "dq", "e", "kid", "kty", "n", "p", "q", "qi", "use"], Members(TestKeys.RsaA.ToPrivateJwkJson()));
        Assert.Equal(["alg", "k", "kid", "kty", "use"], Members(TestKeys.Hmac.ToPrivateJwkJson()));
    }

    [Theory]
    [InlineData("""{"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"AAAA"}""")]
    [InlineData("""{"kty":"EC","crv":"secp256k1","x":"AAAA","y":"AAAA"}""")]
    [InlineData("""{"kty":"oct","k":"c2hvcnQ"}""")]
    [InlineData("""{"kty":"RSA","e":"AQAB"}""")]
    [InlineData("not json")]
    public void Unusable_jwk_is_a_format_exception(string json)
    {
        Assert.Throws<FormatException>(() => PowerSyncKey.FromJwk(json));
    }

    [Fact]
    public void Secret_must_be_base64url_and_long_enough()
    {
        var secret = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(new byte[32]);

        Assert.Equal("HS256", PowerSyncKey.FromSecret(secret, "dev").Algorithm);
        Assert.Throws<FormatException>(() => PowerSyncKey.FromSecret(secret, "dev", "HS512"));
        Assert.Throws<FormatException>(() => PowerSyncKey.FromSecret("!!!", "dev"));
    }

    [Fact]
    public void ToString_names_the_key_without_its_material()
    {
        Assert.Equal("rsa-a (RS256)", TestKeys.RsaA.ToString());
        Assert.Equal("rsa-a (RS256, verify only)", PowerSyncKey.FromJwk(TestKeys.RsaA.ToPublicJwkJson()).ToString());
    }

    private static string[] Members(string json) =>
        [.. JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}

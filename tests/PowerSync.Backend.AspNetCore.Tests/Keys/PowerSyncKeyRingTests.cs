using System.Text.Json;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;

namespace PowerSync.Backend.AspNetCore.Tests.Keys;

public sealed class PowerSyncKeyRingTests
{
    [Fact]
    public void Jwks_publishes_asymmetric_public_halves_only()
    {
        var ring = new PowerSyncKeyRing([TestKeys.RsaA, TestKeys.Ec, TestKeys.Hmac], signingKeyId: "rsa-a");

        var keys = JsonDocument.Parse(ring.ToJwksJson()).RootElement.GetProperty("keys");

        Assert.Equal(["rsa-a", "ec-1"], keys.EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        Assert.DoesNotContain("hs-1", ring.ToJwksJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_one_key_that_can_sign_is_the_signing_key()
    {
        var ring = new PowerSyncKeyRing([PowerSyncKey.FromJwk(TestKeys.RsaB.ToPublicJwkJson()), TestKeys.RsaA]);

        Assert.Same(TestKeys.RsaA, ring.SigningKey);
        Assert.NotNull(ring.Find("rsa-b"));
        Assert.Null(ring.Find("missing"));
    }

    [Fact]
    public void A_ring_of_public_keys_only_verifies()
    {
        var ring = new PowerSyncKeyRing([PowerSyncKey.FromJwk(TestKeys.RsaA.ToPublicJwkJson())]);

        Assert.Null(ring.SigningKey);
    }

    [Fact]
    public void Several_signers_need_a_signing_key_id()
    {
        Assert.Contains("SigningKeyId", Assert.Throws<ArgumentException>(() => new PowerSyncKeyRing([TestKeys.RsaA, TestKeys.RsaB])).Message, StringComparison.Ordinal);
        Assert.Same(TestKeys.RsaB, new PowerSyncKeyRing([TestKeys.RsaA, TestKeys.RsaB], "rsa-b").SigningKey);
    }

    [Fact]
    public void Bad_rings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PowerSyncKeyRing([]));
        Assert.Throws<ArgumentException>(() => new PowerSyncKeyRing([TestKeys.RsaA, PowerSyncKey.FromJwk(TestKeys.RsaA.ToPublicJwkJson())], "rsa-a"));
        Assert.Throws<ArgumentException>(() => new PowerSyncKeyRing([TestKeys.RsaA], "unknown"));
        Assert.Throws<ArgumentException>(() => new PowerSyncKeyRing([PowerSyncKey.FromJwk(TestKeys.RsaA.ToPublicJwkJson())], "rsa-a"));
    }
}

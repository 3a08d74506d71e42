using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Keys;

namespace PowerSync.Backend.AspNetCore.Tests.Infrastructure;

/// <summary>Keys generated once per test run (RSA generation is slow); keys are immutable, so tests share them.</summary>
public static class TestKeys
{
    private static readonly Lazy<PowerSyncKey> LazyRsaA = new(() => PowerSyncKey.Generate("RS256", "rsa-a"));
    private static readonly Lazy<PowerSyncKey> LazyRsaB = new(() => PowerSyncKey.Generate("RS256", "rsa-b"));
    private static readonly Lazy<PowerSyncKey> LazyEc = new(() => PowerSyncKey.Generate("ES256", "ec-1"));
    private static readonly Lazy<PowerSyncKey> LazyHmac = new(() => PowerSyncKey.Generate("HS256", "hs-1"));

    public static PowerSyncKey RsaA => LazyRsaA.Value;

    public static PowerSyncKey RsaB => LazyRsaB.Value;

    public static PowerSyncKey Ec => LazyEc.Value;

    public static PowerSyncKey Hmac => LazyHmac.Value;

    /// <summary>A configured key from a key's private JWK.</summary>
    public static PowerSyncKeyOptions Private(PowerSyncKey key) => new() { Jwk = key.ToPrivateJwkJson() };

    /// <summary>A configured key from a key's public PEM: verifies only.</summary>
    public static PowerSyncKeyOptions Public(PowerSyncKey key) => new() { Pem = key.ExportPublicKeyPem(), KeyId = key.KeyId };
}

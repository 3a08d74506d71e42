using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;

namespace PowerSync.Backend.AspNetCore.Tests.Keys;

public sealed class PowerSyncServiceConfigTests
{
    [Fact]
    public void Published_keys_are_referenced_by_jwks_uri()
    {
        var yaml = PowerSyncServiceConfig.ClientAuthYaml(new PowerSyncKeyRing([TestKeys.RsaA]), ["powersync-dev", "powersync"], new Uri("http://localhost:6060/api/auth/keys"));

        Assert.Equal(
            """
            client_auth:
              jwks_uri: 'http://localhost:6060/api/auth/keys'
              audience: ['powersync-dev', 'powersync']

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void Hs256_keys_are_inlined_as_kty_oct_never_published()
    {
        var secret = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var key = PowerSyncKey.FromSecret(secret, "powersync-dev");

        var yaml = PowerSyncServiceConfig.ClientAuthYaml(new PowerSyncKeyRing([key]), ["powersync-dev"], new Uri("http://localhost:6060/api/auth/keys"));

        Assert.Equal(
            $"""
            client_auth:
              jwks_uri: 'http://localhost:6060/api/auth/keys'
              jwks:
                keys:
                  - kty: 'oct'
                    alg: 'HS256'
                    kid: 'powersync-dev'
                    k: '{secret}'
              audience: ['powersync-dev']

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void Without_a_jwks_uri_public_keys_are_inlined_without_private_members()
    {
        var yaml = PowerSyncServiceConfig.ClientAuthYaml(new PowerSyncKeyRing([TestKeys.Ec]), ["it's"]);

        Assert.StartsWith("client_auth:\n  jwks:\n    keys:\n      - kty: 'EC'\n        kid: 'ec-1'\n        alg: 'ES256'\n        use: 'sig'\n        crv: 'P-256'\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(" d:", yaml, StringComparison.Ordinal);
        Assert.EndsWith("  audience: ['it''s']\n", yaml, StringComparison.Ordinal);
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.AspNetCore.Authentication;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;

namespace PowerSync.Backend.AspNetCore.Tests.Auth;

public sealed class KeysEndpointTests
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "k"];

    [Fact]
    public async Task Jwks_lists_public_keys_and_never_private_members_or_secrets()
    {
        await using var app = await AuthApp.StartAsync(o =>
        {
            o.Keys.Add(TestKeys.Private(TestKeys.Ec));
            o.Keys.Add(TestKeys.Private(TestKeys.Hmac));
            o.Keys.Add(TestKeys.Public(TestKeys.RsaB));
            o.SigningKeyId = "rsa-a";
        });

        using var response = await app.Client.GetAsync("/api/auth/keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = (await response.JsonAsync()).GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(["rsa-a", "ec-1", "rsa-b"], keys.Select(k => k.GetProperty("kid").GetString()));
        foreach (var key in keys)
        {
            Assert.Equal("sig", key.GetProperty("use").GetString());
            Assert.All(PrivateMembers, member => Assert.False(key.TryGetProperty(member, out _), $"{key.GetProperty("kid")} exposes '{member}'"));
        }

        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], keys[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x", "y"], keys[1].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"kty\":\"oct\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hs-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwks_of_a_symmetric_only_ring_is_empty()
    {
        await using var app = await AuthApp.StartAsync(o => o.Keys[0] = TestKeys.Private(TestKeys.Hmac));

        using var response = await app.Client.GetAsync("/api/auth/keys");

        Assert.Equal("""{"keys":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Jwks_stays_anonymous_when_the_group_requires_authorization()
    {
        await using var app = await TestApp.StartAsync(
            services: s =>
            {
                s.AddAuthentication(PowerSyncTokenDefaults.AuthenticationScheme).AddPowerSyncToken();
                s.AddAuthorization();
                s.AddPowerSyncAuth(o =>
                {
                    o.Audiences.Add(AuthApp.Audience);
                    o.Keys.Add(TestKeys.Private(TestKeys.RsaA));
                });
            },
            map: app => app.MapPowerSyncAuth().RequireAuthorization());

        using var keys = await app.Client.GetAsync("/api/auth/keys");
        using var token = await app.Client.GetAsync("/api/auth/token");

        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }
}

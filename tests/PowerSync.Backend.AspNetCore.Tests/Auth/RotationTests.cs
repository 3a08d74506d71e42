using System.Net;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.AspNetCore.Tests.Auth;

/// <summary>
/// The documented rotation, one configuration (and restart) per step: publish the new key, sign with it, retire
/// the old one. Tokens signed with the old key stay valid until it is retired.
/// </summary>
public sealed class RotationTests
{
    [Fact]
    public async Task Rotation_keeps_old_tokens_valid_until_the_old_key_is_retired()
    {
        var clock = new TestTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

        // Step 0: key A signs.
        string oldToken;
        await using (var app = await StartAsync(clock, o => o.Keys.Add(TestKeys.Private(TestKeys.RsaA))))
        {
            oldToken = await TokenAsync(app);
            Assert.Equal("rsa-a", Jwt.Header(oldToken).GetProperty("kid").GetString());
        }

        // Step 1: publish B; A still signs.
        await using (var app = await StartAsync(clock, o =>
        {
            o.Keys.Add(TestKeys.Private(TestKeys.RsaA));
            o.Keys.Add(TestKeys.Private(TestKeys.RsaB));
            o.SigningKeyId = "rsa-a";
        }))
        {
            Assert.Equal(["rsa-a", "rsa-b"], await KidsAsync(app));
            Assert.Equal("rsa-a", Jwt.Header(await TokenAsync(app)).GetProperty("kid").GetString());
        }

        // Step 2: after the service's JWKS refresh, B signs; A's tokens are still accepted.
        clock.Advance(TimeSpan.FromMinutes(5));
        string newToken;
        await using (var app = await StartAsync(clock, o =>
        {
            o.Keys.Add(TestKeys.Private(TestKeys.RsaA));
            o.Keys.Add(TestKeys.Private(TestKeys.RsaB));
            o.SigningKeyId = "rsa-b";
        }))
        {
            newToken = await TokenAsync(app);
            Assert.Equal("rsa-b", Jwt.Header(newToken).GetProperty("kid").GetString());
            Assert.Equal(HttpStatusCode.OK, (await app.UploadWithTokenAsync(oldToken)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await app.UploadWithTokenAsync(newToken)).StatusCode);
        }

        // Step 3: once A's tokens have expired, retire A: its tokens are refused, B's are not.
        await using (var app = await StartAsync(clock, o => o.Keys.Add(TestKeys.Private(TestKeys.RsaB))))
        {
            Assert.Equal(["rsa-b"], await KidsAsync(app));
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.UploadWithTokenAsync(oldToken)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await app.UploadWithTokenAsync(newToken)).StatusCode);
        }
    }

    [Fact]
    public async Task A_published_public_key_verifies_tokens_it_cannot_sign()
    {
        string token;
        await using (var signer = await StartAsync(null, o => o.Keys.Add(TestKeys.Private(TestKeys.RsaB))))
        {
            token = await TokenAsync(signer);
        }

        await using var verifier = await StartAsync(null, o =>
        {
            o.Keys.Add(TestKeys.Private(TestKeys.RsaA));
            o.Keys.Add(TestKeys.Public(TestKeys.RsaB));
        });

        Assert.Equal(HttpStatusCode.OK, (await verifier.UploadWithTokenAsync(token)).StatusCode);
        Assert.Equal("rsa-a", Jwt.Header(await TokenAsync(verifier)).GetProperty("kid").GetString());
    }

    private static Task<TestApp> StartAsync(TestTimeProvider? clock, Action<PowerSyncAuthOptions> keys) =>
        AuthApp.StartAsync(
            o =>
            {
                o.Audiences.Add(AuthApp.Audience);
                keys(o);
            },
            clock: clock,
            defaultKeys: false);

    private static async Task<string> TokenAsync(TestApp app)
    {
        using var response = await app.GetTokenAsync("alice");
        return (await response.JsonAsync()).GetProperty("token").GetString()!;
    }

    private static async Task<string[]> KidsAsync(TestApp app)
    {
        using var response = await app.Client.GetAsync("/api/auth/keys");
        return [.. (await response.JsonAsync()).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}

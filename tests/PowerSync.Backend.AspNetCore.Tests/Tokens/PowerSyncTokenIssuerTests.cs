using System.Text.Json;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using PowerSync.Backend.AspNetCore.Tokens;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.AspNetCore.Tests.Tokens;

public sealed class PowerSyncTokenIssuerTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Token_header_has_alg_and_kid_and_claims_have_sub_aud_iat_exp()
    {
        var issuer = Issuer(TestKeys.RsaA, o => o.Audiences.Add("powersync"));

        var token = await issuer.IssueTokenAsync("user-1");

        var header = Jwt.Header(token.Token);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("rsa-a", header.GetProperty("kid").GetString());
        var payload = Jwt.Payload(token.Token);
        Assert.Equal(["aud", "exp", "iat", "sub"], payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("user-1", payload.GetProperty("sub").GetString());
        Assert.Equal("powersync", payload.GetProperty("aud").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        Assert.Equal(300, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal(new PowerSyncToken(token.Token, "user-1", "rsa-a", "RS256", Now, Now.AddMinutes(5)), token);
    }

    [Fact]
    public async Task Several_audiences_are_an_array_and_issuer_is_written_when_configured()
    {
        var issuer = Issuer(TestKeys.Ec, o =>
        {
            o.Audiences.Add("powersync-dev");
            o.Audiences.Add("powersync");
            o.Issuer = "https://backend.example";
        });

        var payload = Jwt.Payload((await issuer.IssueTokenAsync("u")).Token);

        Assert.Equal(["powersync-dev", "powersync"], payload.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("https://backend.example", payload.GetProperty("iss").GetString());
        Assert.Equal("ES256", Jwt.Header((await issuer.IssueTokenAsync("u")).Token).GetProperty("alg").GetString());
    }

    [Fact]
    public async Task Lifetime_audiences_parameters_and_claims_can_be_set_per_token()
    {
        var issuer = Issuer(TestKeys.Hmac, o => o.Audiences.Add("powersync"));
        var request = new PowerSyncTokenRequest("u") { Lifetime = TimeSpan.FromHours(1) };
        request.Audiences.Add("other");
        request.Parameters["team"] = "blue";
        request.Parameters["level"] = 3;
        request.Claims["role"] = "admin";

        var token = await issuer.IssueTokenAsync(request);

        var payload = Jwt.Payload(token.Token);
        Assert.Equal(3600, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal("other", payload.GetProperty("aud").GetString());
        Assert.Equal("blue", payload.GetProperty("parameters").GetProperty("team").GetString());
        Assert.Equal(3, payload.GetProperty("parameters").GetProperty("level").GetInt32());
        Assert.Equal("admin", payload.GetProperty("role").GetString());
        Assert.Equal("HS256", Jwt.Header(token.Token).GetProperty("alg").GetString());
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("aud")]
    [InlineData("exp")]
    [InlineData("iat")]
    [InlineData("parameters")]
    public async Task Reserved_claims_cannot_be_overridden(string claim)
    {
        var issuer = Issuer(TestKeys.RsaA, o => o.Audiences.Add("powersync"));
        var request = new PowerSyncTokenRequest("u");
        request.Claims[claim] = "x";

        await Assert.ThrowsAsync<ArgumentException>(() => issuer.IssueTokenAsync(request).AsTask());
    }

    [Theory]
    [InlineData(86_401)]
    [InlineData(0)]
    public async Task Lifetimes_the_service_refuses_are_refused(int seconds)
    {
        var issuer = Issuer(TestKeys.RsaA, o => o.Audiences.Add("powersync"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => issuer.IssueTokenAsync(new PowerSyncTokenRequest("u") { Lifetime = TimeSpan.FromSeconds(seconds) }).AsTask());
    }

    [Fact]
    public async Task A_ring_without_a_signing_key_cannot_issue()
    {
        var issuer = new PowerSyncTokenIssuer(new PowerSyncKeyRing([PowerSyncKey.FromJwk(TestKeys.RsaA.ToPublicJwkJson())]), Options(o => o.Audiences.Add("a")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => issuer.IssueTokenAsync("u").AsTask());
    }

    [Fact]
    public void Token_description_never_holds_the_token()
    {
        var token = new PowerSyncToken("eyJ.secret.sig", "u", "k", "RS256", Now, Now);

        Assert.DoesNotContain("secret", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issued_tokens_validate_with_the_same_ring()
    {
        foreach (var key in (PowerSyncKey[])[TestKeys.RsaA, TestKeys.Ec, TestKeys.Hmac])
        {
            var options = Options(o => o.Audiences.Add("powersync"));
            var ring = new PowerSyncKeyRing([key]);
            var clock = new TestTimeProvider(Now);
            var token = await new PowerSyncTokenIssuer(ring, options, clock).IssueTokenAsync("u");

            var result = await new PowerSyncTokenValidator(ring, options, clock).ValidateAsync(token.Token);

            Assert.True(result.IsValid, result.Error);
            Assert.Equal("u", result.UserId);
            Assert.Equal(key.KeyId, result.KeyId);
            Assert.Equal(token.ExpiresAt, result.ExpiresAt);
            Assert.Equal("u", result.Identity!.Name);
        }
    }

    private static PowerSyncTokenIssuer Issuer(PowerSyncKey key, Action<PowerSyncAuthOptions> configure) =>
        new(new PowerSyncKeyRing([key]), Options(configure), new TestTimeProvider(Now));

    private static PowerSyncAuthOptions Options(Action<PowerSyncAuthOptions> configure)
    {
        var options = new PowerSyncAuthOptions();
        configure(options);
        return options;
    }
}

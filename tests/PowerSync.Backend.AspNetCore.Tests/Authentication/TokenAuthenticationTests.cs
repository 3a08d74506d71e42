using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Authentication;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using PowerSync.Backend.AspNetCore.Tokens;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.AspNetCore.Tests.Authentication;

/// <summary>
/// The upload endpoint behind <c>AddPowerSyncToken()</c> and <c>RequireAuthorization()</c>: the backend accepts the
/// tokens it issues and refuses every token the PowerSync Service would refuse.
/// </summary>
public sealed class TokenAuthenticationTests
{
    public static TheoryData<string> RefusedTokens => new()
    {
        "missing",
        "tampered",
        "expired",
        "wrong-audience",
        "unknown-kid",
        "alg-none",
        "alg-confusion",
        "lifetime-over-a-day",
        "issued-in-the-future",
        "garbage",
    };

    [Fact]
    public async Task Issued_bearer_token_authenticates_the_upload_as_its_subject()
    {
        await using var app = await AuthApp.StartAsync();
        var token = await IssueAsync(app, "alice");

        using var response = await app.UploadWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", Assert.Single(app.Store.Applied).UserId);
        Assert.True(app.Logs.Has(3302));
    }

    [Theory]
    [InlineData("Token")]
    [InlineData("bearer")]
    public async Task Token_and_lowercase_bearer_schemes_are_accepted(string scheme)
    {
        await using var app = await AuthApp.StartAsync();

        using var response = await app.UploadWithTokenAsync(await IssueAsync(app, "alice"), scheme);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Refused_tokens_get_401_and_nothing_is_applied(string kind)
    {
        await using var app = await AuthApp.StartAsync();
        var token = await TokenAsync(app, kind);

        using var response = await app.UploadWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Store.Applied);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        if (token is not null)
        {
            Assert.StartsWith("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
            Assert.True(app.Logs.Has(3301));
        }
    }

    [Fact]
    public async Task Token_within_the_clock_skew_after_expiry_is_accepted()
    {
        await using var app = await AuthApp.StartAsync();
        var token = await IssueAsync(app, "alice");
        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(59));

        using var response = await app.UploadWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Other_authorization_schemes_are_left_alone()
    {
        await using var app = await AuthApp.StartAsync();

        using var response = await app.UploadWithTokenAsync("dXNlcjpwYXNz", "Basic");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(app.Logs.Has(3301));
    }

    [Fact]
    public async Task Token_scheme_can_be_turned_off()
    {
        await using var app = await TestApp.StartAsync(
            services: s =>
            {
                s.AddPowerSyncBackend(b => b.UseInMemory());
                s.AddAuthentication(PowerSyncTokenDefaults.AuthenticationScheme).AddPowerSyncToken(configure: o => o.AcceptTokenScheme = false);
                s.AddAuthorization();
                s.AddPowerSyncAuth(o =>
                {
                    o.Audiences.Add(AuthApp.Audience);
                    o.Keys.Add(TestKeys.Private(TestKeys.RsaA));
                });
            },
            map: app => app.MapPowerSyncUpload(UploadApp.Path).RequireAuthorization());

        var token = await app.Services.GetRequiredService<IPowerSyncTokenIssuer>().IssueTokenAsync("alice");

        using var refused = await app.UploadWithTokenAsync(token.Token, "Token");
        using var accepted = await app.UploadWithTokenAsync(token.Token, "Bearer");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private static async Task<string> IssueAsync(TestApp app, string user)
    {
        using var response = await app.GetTokenAsync(user);
        return (await response.JsonAsync()).GetProperty("token").GetString()!;
    }

    private static async Task<string?> TokenAsync(TestApp app, string kind)
    {
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        switch (kind)
        {
            case "missing":
                return null;
            case "tampered":
                return Jwt.Tamper(await IssueAsync(app, "alice"), payload => payload.Replace("alice", "admin", StringComparison.Ordinal));
            case "expired":
                var token = await IssueAsync(app, "alice");
                app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(61));
                return token;
            case "wrong-audience":
                var options = new PowerSyncAuthOptions { Audiences = { "another-service" } };
                return (await new PowerSyncTokenIssuer(new PowerSyncKeyRing([TestKeys.RsaA]), options, app.Clock).IssueTokenAsync("alice")).Token;
            case "unknown-kid":
                var stranger = new PowerSyncAuthOptions { Audiences = { AuthApp.Audience } };
                return (await new PowerSyncTokenIssuer(new PowerSyncKeyRing([TestKeys.RsaB]), stranger, app.Clock).IssueTokenAsync("alice")).Token;
            case "alg-none":
                return Jwt.Compose("""{"alg":"none","kid":"rsa-a","typ":"JWT"}""", $$"""{"sub":"alice","aud":"{{AuthApp.Audience}}","iat":{{now}},"exp":{{now + 300}}}""");
            case "alg-confusion":
                var secret = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(TestKeys.RsaA.ExportPublicKeyPem())) { KeyId = "rsa-a" };
                return Sign(new SigningCredentials(secret, "HS256"), now, now + 300);
            case "lifetime-over-a-day":
                return Sign(TestKeys.RsaA.GetSigningCredentials(), now, now + 86_401);
            case "issued-in-the-future":
                return Sign(TestKeys.RsaA.GetSigningCredentials(), now + 120, now + 420);
            default:
                return "not.a.token";
        }
    }

    private static string Sign(SigningCredentials credentials, long iat, long exp) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = "alice", ["aud"] = AuthApp.Audience, ["iat"] = iat, ["exp"] = exp },
        });
}

using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using PowerSync.Backend.AspNetCore.Tokens;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.AspNetCore.Tests.Tokens;

/// <summary>The PowerSync Service's rules, one refusal at a time.</summary>
public sealed class PowerSyncTokenValidatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestTimeProvider _clock = new(Now);
    private readonly PowerSyncAuthOptions _options = new() { Audiences = { "powersync" } };

    [Fact]
    public async Task Valid_token_gives_the_subject_and_claims()
    {
        var result = await Validate(Sign(TestKeys.RsaA, Claims()));

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("user-1", result.UserId);
        Assert.Equal("user-1", result.Identity!.FindFirst("sub")!.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    public async Task Non_tokens_are_refused(string token)
    {
        Assert.False((await Validate(token)).IsValid);
    }

    [Fact]
    public async Task Alg_none_is_refused()
    {
        var token = Jwt.Compose("""{"alg":"none","kid":"rsa-a","typ":"JWT"}""", Payload());

        var result = await Validate(token);

        Assert.Equal("unsigned token (alg: none)", result.Error);
    }

    [Fact]
    public async Task Token_without_kid_is_refused()
    {
        var handler = new JsonWebTokenHandler();
        var key = new RsaSecurityKey(((RsaSecurityKey)TestKeys.RsaA.SecurityKey).Rsa);
        var token = handler.CreateToken(Payload(), new SigningCredentials(key, "RS256"));

        Assert.Equal("the token has no kid", (await Validate(token)).Error);
    }

    [Fact]
    public async Task Unknown_kid_is_refused()
    {
        var result = await Validate(Sign(TestKeys.RsaB, Claims()));

        Assert.Equal("unknown kid", result.Error);
        Assert.Equal("rsa-b", result.KeyId);
    }

    [Fact]
    public async Task Rsa_public_key_used_as_an_hmac_secret_is_refused()
    {
        // The classic algorithm-confusion forgery: HS256 keyed with the published RSA key.
        var secret = System.Text.Encoding.UTF8.GetBytes(TestKeys.RsaA.ExportPublicKeyPem());
        var forged = new JsonWebTokenHandler().CreateToken(Payload(), new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = "rsa-a" }, "HS256"));

        Assert.Equal("alg HS256 is not the key's (RS256)", (await Validate(forged)).Error);
    }

    [Fact]
    public async Task Tampered_payload_is_refused()
    {
        var token = Jwt.Tamper(Sign(TestKeys.RsaA, Claims()), payload => payload.Replace("user-1", "admin", StringComparison.Ordinal));

        Assert.Equal("the signature is invalid", (await Validate(token)).Error);
    }

    [Fact]
    public async Task Wrong_audience_is_refused_and_any_configured_one_is_accepted()
    {
        Assert.Equal("the audience (aud) is not accepted", (await Validate(Sign(TestKeys.RsaA, Claims(aud: "elsewhere")))).Error);
        _options.Audiences.Add("second");
        Assert.True((await Validate(Sign(TestKeys.RsaA, Claims(aud: "second")))).IsValid);
    }

    [Fact]
    public async Task Issuer_is_checked_when_configured()
    {
        _options.Issuer = "https://backend.example";

        Assert.Equal("the issuer (iss) is not accepted", (await Validate(Sign(TestKeys.RsaA, Claims()))).Error);
        Assert.True((await Validate(Sign(TestKeys.RsaA, Claims(iss: "https://backend.example")))).IsValid);
    }

    [Fact]
    public async Task Expiry_allows_sixty_seconds_of_clock_skew()
    {
        var token = Sign(TestKeys.RsaA, Claims());

        _clock.Advance(TimeSpan.FromSeconds(300 + 60));
        Assert.True((await Validate(token)).IsValid);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("the token expired", (await Validate(token)).Error);
    }

    [Fact]
    public async Task Issued_in_the_future_beyond_the_skew_is_refused()
    {
        Assert.True((await Validate(Sign(TestKeys.RsaA, Claims(iat: 60)))).IsValid);
        Assert.Equal("the token is issued in the future (iat)", (await Validate(Sign(TestKeys.RsaA, Claims(iat: 61, exp: 361)))).Error);
    }

    [Fact]
    public async Task Lifetime_over_a_day_is_refused()
    {
        Assert.True((await Validate(Sign(TestKeys.RsaA, Claims(exp: 86_400)))).IsValid);
        Assert.Equal("exp - iat must be between 1 and 86400 seconds", (await Validate(Sign(TestKeys.RsaA, Claims(exp: 86_401)))).Error);
    }

    [Theory]
    [InlineData("exp", "the token has no exp")]
    [InlineData("iat", "the token has no iat")]
    [InlineData("sub", "the token has no sub")]
    public async Task Required_claims_must_be_present(string missing, string error)
    {
        var claims = Claims();
        claims.Remove(missing);

        Assert.Equal(error, (await Validate(Sign(TestKeys.RsaA, claims))).Error);
    }

    [Fact]
    public async Task Symmetric_and_ec_keys_validate_their_own_tokens_only()
    {
        _options.Audiences.Add("powersync");
        var ring = new PowerSyncKeyRing([TestKeys.Ec, TestKeys.Hmac], "ec-1");
        var validator = new PowerSyncTokenValidator(ring, _options, _clock);

        Assert.True((await validator.ValidateAsync(Sign(TestKeys.Ec, Claims()))).IsValid);
        Assert.True((await validator.ValidateAsync(Sign(TestKeys.Hmac, Claims()))).IsValid);
        Assert.False((await validator.ValidateAsync(Sign(PowerSyncKey.Generate("HS256", "hs-1"), Claims()))).IsValid);
    }

    private Task<PowerSyncTokenValidationResult> Validate(string token) =>
        new PowerSyncTokenValidator(new PowerSyncKeyRing([TestKeys.RsaA]), _options, _clock).ValidateAsync(token);

    /// <summary>Claims relative to <see cref="Now"/>, in seconds.</summary>
    private static Dictionary<string, object> Claims(string aud = "powersync", long iat = 0, long exp = 300, string? iss = null)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = "user-1",
            ["aud"] = aud,
            ["iat"] = Now.ToUnixTimeSeconds() + iat,
            ["exp"] = Now.ToUnixTimeSeconds() + exp,
        };
        if (iss is not null)
        {
            claims["iss"] = iss;
        }

        return claims;
    }

    private static string Payload() => System.Text.Json.JsonSerializer.Serialize(Claims());

    /// <summary>Signs with IdentityModel directly, so the claims are exactly these.</summary>
    private static string Sign(PowerSyncKey key, Dictionary<string, object> claims) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = key.GetSigningCredentials() });
}

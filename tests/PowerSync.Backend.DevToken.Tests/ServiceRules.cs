using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PowerSync.Backend.DevToken.Tests;

/// <summary>
/// Checks a token the way the PowerSync Service does, with IdentityModel: a <c>kid</c> naming one of the keys, that
/// key's own <c>alg</c>, a signature, an accepted <c>aud</c>, <c>exp</c> and <c>iat</c> within 60 s, a <c>sub</c>.
/// </summary>
public static class ServiceRules
{
    public static async Task<JsonWebToken> ValidateAsync(string token, IEnumerable<SecurityKey> keys, params string[] audiences)
    {
        var handler = new JsonWebTokenHandler();
        var jwt = handler.ReadJsonWebToken(token);
        Assert.False(string.IsNullOrEmpty(jwt.Kid), "the token has no kid");
        var key = Assert.Single(keys, k => k.KeyId == jwt.Kid);
        var algorithm = key is JsonWebKey jwk ? jwk.Alg : jwt.Alg;
        Assert.Equal(algorithm, jwt.Alg);

        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [algorithm],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidAudiences = audiences,
            ValidateIssuer = false,
            ClockSkew = TimeSpan.FromSeconds(60),
        });
        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.False(string.IsNullOrEmpty(jwt.Subject), "the token has no sub");
        Assert.True(jwt.TryGetPayloadValue<long>("iat", out _), "the token has no iat");
        Assert.True(Lifetime(jwt) <= 86_400, "exp - iat is more than 86400 s");
        return jwt;
    }

    public static long Lifetime(JsonWebToken jwt) => jwt.GetPayloadValue<long>("exp") - jwt.GetPayloadValue<long>("iat");

    /// <summary>The keys of a JWKS document, as the service reads them from its <c>jwks_uri</c>.</summary>
    public static IList<SecurityKey> FromJwks(string json) => new JsonWebKeySet(json).Keys.Cast<SecurityKey>().ToList();
}

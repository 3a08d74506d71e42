using System.Text.RegularExpressions;
using Microsoft.IdentityModel.Tokens;

namespace PowerSync.Backend.DevToken.Tests;

public sealed partial class ConfigCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Config_with_a_jwks_uri_points_the_service_at_it()
    {
        var path = await _directory.KeyAsync("RS256");

        var run = (await DevTokenRun.RunAsync("config", "--key", path, "--audience", "powersync", "--jwks-uri", "http://backend:6060/api/auth/keys")).Succeeded();

        Assert.Equal(
            "client_auth:\n  jwks_uri: 'http://backend:6060/api/auth/keys'\n  audience: ['powersync']\n",
            run.Out);
        Assert.Contains("serve 'powersync-dev-token jwks --key", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task Config_without_a_jwks_uri_inlines_the_public_key_only(string algorithm)
    {
        var path = await _directory.KeyAsync(algorithm, kid: "dev-1");

        var run = (await DevTokenRun.RunAsync("config", "--key", path, "--audience", "powersync", "--audience", "http://localhost:8080")).Succeeded();

        Assert.StartsWith("client_auth:\n  jwks:\n    keys:\n      - kty: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("        kid: 'dev-1'\n", run.Out, StringComparison.Ordinal);
        Assert.Contains($"        alg: '{algorithm}'\n", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("  audience: ['powersync', 'http://localhost:8080']\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(PrivateMember(), run.Out);
        Assert.DoesNotContain("jwks_uri", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_for_HS256_inlines_the_secret_as_kty_oct_with_a_development_only_warning()
    {
        var path = await _directory.KeyAsync("HS256", kid: "powersync-dev");

        var run = (await DevTokenRun.RunAsync("config", "--key", path, "--audience", "powersync")).Succeeded();

        Assert.StartsWith("# HS256 is for development only", run.Out, StringComparison.Ordinal);
        Assert.Contains("      - kty: 'oct'\n        alg: 'HS256'\n        kid: 'powersync-dev'\n        k: '", run.Out, StringComparison.Ordinal);
        Assert.Contains("warning: HS256 is for development only", run.Error, StringComparison.Ordinal);

        // The inlined secret is the key file's own: tokens the tool signs verify with the service's config.
        var secret = Secret().Match(run.Out).Groups["secret"].Value;
        var token = (await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1")).Succeeded().Out.Trim();
        var key = new SymmetricSecurityKey(Base64UrlEncoder.DecodeBytes(secret)) { KeyId = "powersync-dev" };
        await ServiceRules.ValidateAsync(token, [key], "powersync");
    }

    [Fact]
    public async Task Config_refuses_a_jwks_uri_for_an_HS_key()
    {
        var path = await _directory.KeyAsync("HS256");

        (await DevTokenRun.RunAsync("config", "--key", path, "--audience", "powersync", "--jwks-uri", "https://backend/keys"))
            .BadUsage("option '--jwks-uri' does not apply");
    }

    [Fact]
    public async Task Config_needs_an_audience()
    {
        var path = await _directory.KeyAsync("RS256");

        (await DevTokenRun.RunAsync("config", "--key", path)).BadUsage("option '--audience' is required");
    }

    [Theory]
    [InlineData("keys.json")]
    [InlineData("ftp://backend/keys")]
    [InlineData("/api/auth/keys")]
    public async Task Config_needs_an_absolute_http_jwks_uri(string uri)
    {
        var path = await _directory.KeyAsync("RS256");

        (await DevTokenRun.RunAsync("config", "--key", path, "--audience", "powersync", "--jwks-uri", uri))
            .BadUsage($"option '--jwks-uri' has '{uri}'; give an absolute http or https URL.");
    }

    [GeneratedRegex(@"^\s+(?:d|p|q|dp|dq|qi|k):", RegexOptions.Multiline)]
    private static partial Regex PrivateMember();

    [GeneratedRegex(@"^\s+k: '(?<secret>[^']+)'", RegexOptions.Multiline | RegexOptions.ExplicitCapture)]
    private static partial Regex Secret();
}

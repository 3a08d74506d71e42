using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PowerSync.Backend.DevToken.Tests;

public sealed class TokenCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task Token_validates_against_the_jwks_with_the_service_rules(string algorithm)
    {
        var path = await _directory.KeyAsync(algorithm, kid: "dev-1");
        var jwks = (await DevTokenRun.RunAsync("jwks", "--key", path)).Succeeded().Out;

        var run = (await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1", "--audience", "powersync-dev", "--lifetime", "10m")).Succeeded();

        var token = run.Out.TrimEnd('\n');
        Assert.DoesNotContain('\n', token);
        var jwt = await ServiceRules.ValidateAsync(token, ServiceRules.FromJwks(jwks), "powersync-dev");
        Assert.Equal("dev-1", jwt.Kid);
        Assert.Equal(algorithm, jwt.Alg);
        Assert.Equal("user-1", jwt.Subject);
        Assert.Equal(["powersync-dev"], jwt.Audiences);
        Assert.Equal(600, ServiceRules.Lifetime(jwt));
        Assert.False(jwt.TryGetPayloadValue<string>("iss", out _));
        Assert.False(jwt.TryGetPayloadValue<object>("parameters", out _));
    }

    [Fact]
    public async Task Token_is_refused_by_a_service_that_expects_another_audience()
    {
        var path = await _directory.KeyAsync("RS256");
        var jwks = ServiceRules.FromJwks((await DevTokenRun.RunAsync("jwks", "--key", path)).Succeeded().Out);
        var token = (await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1")).Succeeded().Out.Trim();

        await Assert.ThrowsAnyAsync<Exception>(() => ServiceRules.ValidateAsync(token, jwks, "someone-else"));
        await ServiceRules.ValidateAsync(token, jwks, "powersync");
    }

    [Fact]
    public async Task Token_defaults_to_the_powersync_audience_and_five_minutes()
    {
        var path = await _directory.KeyAsync("RS256");

        var jwt = Read((await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1")).Succeeded());

        Assert.Equal(["powersync"], jwt.Audiences);
        Assert.Equal(300, ServiceRules.Lifetime(jwt));
    }

    [Fact]
    public async Task Token_signed_with_an_HS256_key_verifies_with_the_key_files_secret()
    {
        var path = await _directory.KeyAsync("HS256", kid: "powersync-dev");
        var secret = new JsonWebKey(await File.ReadAllTextAsync(path));

        var token = (await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1")).Succeeded().Out.Trim();

        var jwt = await ServiceRules.ValidateAsync(token, [secret], "powersync");
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal("powersync-dev", jwt.Kid);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("300", 300)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("24h", 86_400)]
    [InlineData("86400", 86_400)]
    [InlineData("1440m", 86_400)]
    public async Task Token_lifetime_is_exp_minus_iat(string lifetime, long seconds)
    {
        var path = await _directory.KeyAsync("ES256");

        var jwt = Read((await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1", "--lifetime", lifetime)).Succeeded());

        Assert.Equal(seconds, ServiceRules.Lifetime(jwt));
    }

    [Theory]
    [InlineData("86401")]
    [InlineData("1441m")]
    [InlineData("25h")]
    [InlineData("99999999999999999")]
    public async Task Token_lifetime_over_86400_seconds_is_refused(string lifetime)
    {
        var path = await _directory.KeyAsync("RS256");

        (await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1", "--lifetime", lifetime))
            .BadUsage($"option '--lifetime' is {lifetime}, more than 86400 seconds (24h)");
    }

    [Theory]
    [InlineData("0", "must be at least 1 second")]
    [InlineData("0h", "must be at least 1 second")]
    [InlineData("1d", "give whole seconds (300), minutes (5m) or hours (1h)")]
    [InlineData("-5", "give whole seconds (300), minutes (5m) or hours (1h)")]
    [InlineData("5.5m", "give whole seconds (300), minutes (5m) or hours (1h)")]
    [InlineData("m", "give whole seconds (300), minutes (5m) or hours (1h)")]
    public async Task Token_lifetime_must_be_whole_positive_units(string lifetime, string message)
    {
        var path = await _directory.KeyAsync("RS256");

        (await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1", "--lifetime=" + lifetime)).BadUsage(message);
    }

    [Fact]
    public async Task Token_carries_several_audiences_the_issuer_and_parameters()
    {
        var path = await _directory.KeyAsync("RS256");

        var jwt = Read((await DevTokenRun.RunAsync(
            "token", "--key", path, "--user", "user-1", "--audience", "powersync", "--audience", "http://localhost:8080",
            "--issuer", "https://backend.example.com", "--param", "org=acme", "--param", "role=admin=yes")).Succeeded());

        Assert.Equal(["powersync", "http://localhost:8080"], jwt.Audiences);
        Assert.Equal("https://backend.example.com", jwt.Issuer);
        var parameters = jwt.GetPayloadValue<JsonElement>("parameters");
        Assert.Equal("acme", parameters.GetProperty("org").GetString());
        Assert.Equal("admin=yes", parameters.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("org", "option '--param' has 'org'; give key=value.")]
    [InlineData("=acme", "option '--param' has '=acme'; give key=value.")]
    public async Task Token_parameters_need_a_name_and_an_equals_sign(string parameter, string message)
    {
        var path = await _directory.KeyAsync("RS256");

        (await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1", "--param", parameter)).BadUsage(message);
    }

    [Fact]
    public async Task Token_parameters_may_not_repeat_a_name()
    {
        var path = await _directory.KeyAsync("RS256");

        (await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1", "--param", "org=a", "--param", "org=b"))
            .BadUsage("option '--param' gives 'org' twice.");
    }

    [Fact]
    public async Task Token_verbose_prints_the_decoded_header_and_claims_on_standard_error()
    {
        var path = await _directory.KeyAsync("RS256", kid: "dev-1");

        var run = (await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1", "--lifetime", "1h", "--param", "org=acme", "--verbose")).Succeeded();

        var jwt = Read(run);
        Assert.Contains("header: {\n  \"alg\": \"RS256\",\n  \"kid\": \"dev-1\",", run.Error, StringComparison.Ordinal);
        Assert.Contains("claims: {", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"sub\": \"user-1\"", run.Error, StringComparison.Ordinal);
        Assert.Contains($"\"exp\": {jwt.GetPayloadValue<long>("exp")}", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"org\": \"acme\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("(exp - iat = 3600 s)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_needs_a_private_key()
    {
        var pem = _directory.File("public.pem");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            await File.WriteAllTextAsync(pem, rsa.ExportSubjectPublicKeyInfoPem());
        }

        (await DevTokenRun.RunAsync("token", "--key", pem, "--user", "user-1")).Failed("holds only the public key");
    }

    [Fact]
    public async Task Token_warns_when_others_can_read_the_key_file()
    {
        var path = await _directory.KeyAsync("RS256");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var run = (await DevTokenRun.RunAsync("token", "--key", path, "--user", "user-1")).Succeeded();

        Assert.Contains("other users can read it; restrict it with: chmod 600", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--user", "user-1" }, "option '--key' is required.")]
    [InlineData(new[] { "--key", "k.json" }, "option '--user' is required.")]
    [InlineData(new[] { "--key", "k.json", "--user", "--verbose" }, "option '--user' needs a value (<id>).")]
    [InlineData(new[] { "--key", "k.json", "--user", "" }, "option '--user' needs a non-empty value (<id>).")]
    [InlineData(new[] { "--key", "k.json", "--user", "u", "--sub", "u" }, "unknown option '--sub'.")]
    [InlineData(new[] { "--key", "k.json", "--user", "u", "--user", "v" }, "option '--user' is given twice.")]
    [InlineData(new[] { "--key", "k.json", "--user", "u", "--verbose", "--verbose" }, "option '--verbose' is given twice.")]
    [InlineData(new[] { "--key", "k.json", "--user", "u", "--verbose=yes" }, "option '--verbose' takes no value.")]
    [InlineData(new[] { "--key", "k.json", "user-1" }, "unexpected argument 'user-1'")]
    public async Task Token_bad_usage_exits_with_2_and_names_the_problem(string[] args, string message)
    {
        (await DevTokenRun.RunAsync(["token", .. args])).BadUsage(message);
    }

    private static JsonWebToken Read(DevTokenRun run) => new(run.Out.Trim());
}

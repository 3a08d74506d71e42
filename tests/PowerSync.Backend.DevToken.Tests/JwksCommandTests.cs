using System.Text.Json;

namespace PowerSync.Backend.DevToken.Tests;

public sealed class JwksCommandTests : IDisposable
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "k"];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("RS256", new[] { "kty", "kid", "alg", "use", "n", "e" })]
    [InlineData("ES256", new[] { "kty", "kid", "alg", "use", "crv", "x", "y" })]
    public async Task Jwks_publishes_only_the_public_members(string algorithm, string[] members)
    {
        var path = await _directory.KeyAsync(algorithm, kid: "dev-1");

        var run = (await DevTokenRun.RunAsync("jwks", "--key", path)).Succeeded();

        using var jwks = JsonDocument.Parse(run.Out);
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray().ToList());
        var names = key.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(members, names);
        Assert.Empty(names.Intersect(PrivateMembers));
        Assert.Equal("dev-1", key.GetProperty("kid").GetString());
        Assert.Equal(algorithm, key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Jwks_reads_a_pem_public_key()
    {
        var pem = _directory.File("public.pem");
        await File.WriteAllTextAsync(pem, PublicPem());

        var run = (await DevTokenRun.RunAsync("jwks", "--key", pem)).Succeeded();

        Assert.Contains("\"kty\": \"RSA\"", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwks_refuses_an_HS_key_which_is_never_published()
    {
        var path = await _directory.KeyAsync("HS256");

        (await DevTokenRun.RunAsync("jwks", "--key", path))
            .Failed("holds an HS256 shared secret, which is never published in a JWKS");
    }

    [Fact]
    public async Task Jwks_reports_a_missing_key_file_as_a_failure_not_bad_usage()
    {
        (await DevTokenRun.RunAsync("jwks", "--key", _directory.File("missing.json")))
            .Failed("does not exist; create one with: powersync-dev-token generate-key");
    }

    [Theory]
    [InlineData("", "holds no usable key")]
    [InlineData("  \n", "holds no usable key")]
    [InlineData("{\"kty\":\"RSA\"}", "holds no usable key")]
    [InlineData("not a key", "holds no usable key")]
    public async Task Jwks_reports_an_unusable_key_file(string content, string message)
    {
        var path = _directory.File("bad.json");
        await File.WriteAllTextAsync(path, content);

        (await DevTokenRun.RunAsync("jwks", "--key", path)).Failed(message);
    }

    [Fact]
    public async Task Jwks_needs_a_key()
    {
        (await DevTokenRun.RunAsync("jwks")).BadUsage("option '--key' is required.");
    }

    private static string PublicPem()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }
}

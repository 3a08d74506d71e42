using System.Text.Json;

namespace PowerSync.Backend.DevToken.Tests;

public sealed class GenerateKeyCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("RS256", "RSA")]
    [InlineData("ES256", "EC")]
    [InlineData("HS256", "oct")]
    [InlineData("es384", "EC")]
    public async Task Generate_key_saves_a_private_jwk_readable_only_by_the_owner_and_prints_its_kid(string algorithm, string keyType)
    {
        var path = _directory.File("key.json");

        var run = (await DevTokenRun.RunAsync("generate-key", "--alg", algorithm, "--out", path)).Succeeded();

        using var jwk = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal(keyType, jwk.RootElement.GetProperty("kty").GetString());
        Assert.Equal(algorithm.ToUpperInvariant(), jwk.RootElement.GetProperty("alg").GetString());
        Assert.True(jwk.RootElement.TryGetProperty(keyType == "oct" ? "k" : "d", out _), "the key file holds no private member");
        Assert.Equal(jwk.RootElement.GetProperty("kid").GetString() + Environment.NewLine, run.Out);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Generate_key_defaults_to_RS256_and_warns_that_HS256_is_for_development()
    {
        var rs = (await DevTokenRun.RunAsync("generate-key", "--out", _directory.File("rs.json"))).Succeeded();
        var hs = (await DevTokenRun.RunAsync("generate-key", "--alg", "HS256", "--out", _directory.File("hs.json"))).Succeeded();

        using var jwk = JsonDocument.Parse(await File.ReadAllTextAsync(_directory.File("rs.json")));
        Assert.Equal("RS256", jwk.RootElement.GetProperty("alg").GetString());
        Assert.DoesNotContain("development only", rs.Error, StringComparison.Ordinal);
        Assert.Contains("warning: HS256 keys are shared secrets, for development only", hs.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_key_uses_the_given_kid()
    {
        var run = (await DevTokenRun.RunAsync("generate-key", "--kid", "powersync-dev", "--out", _directory.File("key.json"))).Succeeded();

        Assert.Equal("powersync-dev" + Environment.NewLine, run.Out);
        Assert.Contains("\"kid\":\"powersync-dev\"", await File.ReadAllTextAsync(_directory.File("key.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_key_creates_missing_directories()
    {
        var path = _directory.File(Path.Combine(".powersync", "dev-key.json"));

        (await DevTokenRun.RunAsync("generate-key", "--out", path)).Succeeded();

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Generate_key_never_replaces_a_key_without_force()
    {
        var path = await _directory.KeyAsync("RS256", kid: "old");
        var before = await File.ReadAllTextAsync(path);

        (await DevTokenRun.RunAsync("generate-key", "--out", path, "--kid", "new")).Failed("already exists; give another --out, or --force");
        Assert.Equal(before, await File.ReadAllTextAsync(path));

        (await DevTokenRun.RunAsync("generate-key", "--out", path, "--kid", "new", "--force")).Succeeded();
        Assert.Contains("\"kid\":\"new\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RS1024")]
    [InlineData("none")]
    [InlineData("EdDSA")]
    public async Task Generate_key_refuses_an_unknown_algorithm_as_bad_usage(string algorithm)
    {
        (await DevTokenRun.RunAsync("generate-key", "--alg", algorithm, "--out", _directory.File("key.json")))
            .BadUsage($"option '--alg' has '{algorithm}'; use RS256, ES256 or HS256");
        Assert.False(File.Exists(_directory.File("key.json")));
    }
}

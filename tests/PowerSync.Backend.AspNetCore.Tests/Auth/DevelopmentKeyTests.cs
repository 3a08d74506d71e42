using System.Net;
using System.Text.Json;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;

namespace PowerSync.Backend.AspNetCore.Tests.Auth;

/// <summary>A generated development key is persisted, so a restarted backend keeps its tokens valid.</summary>
public sealed class DevelopmentKeyTests
{
    [Fact]
    public async Task Development_key_is_generated_once_saved_privately_and_survives_a_restart()
    {
        var root = TempFolder.Create();
        string token;
        string firstJwks;
        await using (var first = await StartAsync(root))
        {
            using var response = await first.GetTokenAsync("alice");
            token = (await response.JsonAsync()).GetProperty("token").GetString()!;
            firstJwks = await first.Client.GetStringAsync("/api/auth/keys");
            Assert.True(first.Logs.Has(3202));
        }

        var file = Path.Combine(root, ".powersync", "development-key.json");
        Assert.True(File.Exists(file));
        Assert.Equal("*\n", File.ReadAllText(Path.Combine(root, ".powersync", ".gitignore")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        await using var restarted = await StartAsync(root);

        using var upload = await restarted.UploadWithTokenAsync(token);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(firstJwks, await restarted.Client.GetStringAsync("/api/auth/keys"));
        Assert.True(restarted.Logs.Has(3203));
        Assert.False(restarted.Logs.Has(3202));
    }

    [Fact]
    public async Task Hs256_development_key_survives_a_restart_and_is_never_published()
    {
        var root = TempFolder.Create();
        string token;
        await using (var first = await StartAsync(root, algorithm: "HS256"))
        {
            using var response = await first.GetTokenAsync("alice");
            token = (await response.JsonAsync()).GetProperty("token").GetString()!;
            Assert.Equal("HS256", Jwt.Header(token).GetProperty("alg").GetString());
        }

        await using var restarted = await StartAsync(root, algorithm: "HS256");

        using var upload = await restarted.UploadWithTokenAsync(token);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal("""{"keys":[]}""", await restarted.Client.GetStringAsync("/api/auth/keys"));
    }

    [Fact]
    public async Task Development_key_path_is_configurable_and_relative_to_the_content_root()
    {
        var root = TempFolder.Create();

        await using var app = await StartAsync(root, path: "secrets/dev.jwk", algorithm: "ES256");

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "secrets", "dev.jwk")));
        Assert.Equal("EC", document.RootElement.GetProperty("kty").GetString());
        Assert.False(File.Exists(Path.Combine(root, "secrets", ".gitignore")));
    }

    [Fact]
    public async Task Configured_keys_win_over_the_development_key()
    {
        var root = TempFolder.Create();

        await using var app = await AuthApp.StartAsync(o => o.GenerateDevelopmentKey = true, contentRoot: root);

        Assert.False(Directory.Exists(Path.Combine(root, ".powersync")));
    }

    [Fact]
    public async Task Key_file_readable_by_others_is_warned_about()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var root = TempFolder.Create();
        await (await StartAsync(root)).DisposeAsync();
        File.SetUnixFileMode(Path.Combine(root, ".powersync", "development-key.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        await using var app = await StartAsync(root);

        Assert.True(app.Logs.Has(3204));
    }

    private static Task<TestApp> StartAsync(string root, string? path = null, string algorithm = "RS256") =>
        AuthApp.StartAsync(
            o =>
            {
                o.Audiences.Add(AuthApp.Audience);
                o.GenerateDevelopmentKey = true;
                o.DevelopmentKeyPath = path;
                o.DevelopmentKeyAlgorithm = algorithm;
            },
            contentRoot: root,
            defaultKeys: false);
}
